// Every label the dashboard shows, in English and Simplified Chinese. Data (division names,
// household and member ids, actors, notes) is shown as recorded and never translated.
import { en } from './labels/en.js';
import { zh } from './labels/zh.js';

export const dictionaries = { en, zh };
export const LANGUAGES = ['en', 'zh'];

/** Keys asked for that no dictionary holds: the browser tests read this to prove every label is translated. */
export const missing = new Set();

let lang = localStorage.getItem('hearth.lang') ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');
if (!LANGUAGES.includes(lang)) lang = 'en';

export const language = () => lang;

export const setLanguage = (next) => {
  lang = LANGUAGES.includes(next) ? next : 'en';
  localStorage.setItem('hearth.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
};

/** The label for `key` in the current language, with `{name}` placeholders filled in. */
export const t = (key, params = {}) => {
  const text = dictionaries[lang][key];
  if (text === undefined) {
    missing.add(key);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
};

/** Fills every element marked `data-i18n` (text), `data-i18n-placeholder`, `data-i18n-aria` (its aria-label) or `data-i18n-title` in `root`. */
export const translateStatic = (root) => {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
};
