// Pieces every page uses: a title, an error box, and the "suppressed" notice.
import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const errorBox = (error) => {
  let text;
  if (error instanceof ApiError && error.status === 403) text = t('error.forbidden');
  else if (error instanceof ApiError && error.status === 404) text = t('error.notFound', { message: error.message });
  else if (error instanceof ApiError) text = t('error.generic', { message: error.message });
  else text = t('error.network');
  return h('p', { class: 'error', role: 'alert' }, text);
};

export const suppressedNotice = () => h('p', { class: 'notice' }, t('common.suppressedNote'));

/**
 * The ledger position a table's figures were read at (its total and its children's rows, one
 * snapshot: decision 165), which the header's live position may already be past.
 */
export const standsAt = (position) => h('p', { class: 'hint stands-at', dataset: { position: String(position) } }, t('report.standsAt', { position }));

// The viewer's own calendar, all three: toISOString() is UTC's, so from midnight to 08:00 on the
// 1st in Beijing the month was the last one while the year was already this one (decision 138).
const pad = (n) => String(n).padStart(2, '0');
export const thisYear = () => new Date().getFullYear();
export const thisMonth = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`; };
export const today = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; };
export const lastDayOf = (month) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
/**
 * The day a month's backlog is asked as of: the month's last day once it has passed, else today. A backlog as of a day
 * not yet come lists as overdue the follow-ups and survey updates due before it, which are not overdue yet (decision 183).
 */
export const backlogDayOf = (month) => {
  const last = lastDayOf(month);
  const day = today();
  return last < day ? last : day;
};

/** A labelled form control. */
export const field = (labelKey, control) => h('label', { class: 'field' }, h('span', {}, t(labelKey)), control);

/** Runs `load` for a section and shows its error in place instead of its content. */
export const section = async (el, load) => {
  try {
    await load();
  } catch (error) {
    el.replaceChildren(errorBox(error));
    if (!(error instanceof ApiError)) console.warn(error);
  }
};
