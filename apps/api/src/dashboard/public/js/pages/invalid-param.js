// What a page shows when its URL holds a year, month or date that is none (a mistyped or cut-off link). Drawn anyway,
// the page would ask the server with it and show its codec's words, or quietly show another month than the URL names,
// which a viewer would read as the one named: the page says which parameter is wrong and why, and draws no figures.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { routeHash } from '../router.js';

/** The years the API reads (its YearParamC). */
const isYear = (v) => /^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 2999;
const isMonth = (v) => /^\d{4}-\d{2}$/.test(v) && isYear(v.slice(0, 4)) && Number(v.slice(5)) >= 1 && Number(v.slice(5)) <= 12;
/** A day the calendar has (2017-02-30 has none): the day-of-month checked against the month's length. */
const isDate = (v) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isMonth(v.slice(0, 7))) return false;
  const day = Number(v.slice(8));
  return day >= 1 && day <= new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)), 0)).getUTCDate();
};

const KINDS = { year: isYear, month: isMonth, date: isDate };
/** Each page's parameters read as a year, month or date. */
const PARAMS = {
  clearance: { year: 'year' },
  stock: { year: 'year' },
  monthly: { month: 'month', asOf: 'date' },
  household: { asOf: 'date' },
};

/** The route's first parameter that is not the year, month or date its page reads it as: `{ name, value, kind }`, else null. */
export const invalidParam = ({ page, params }) => {
  for (const [name, kind] of Object.entries(PARAMS[page] ?? {})) {
    const value = params[name];
    // An empty one is left out, as the dashboard's own links leave it: the page's default.
    if (value !== undefined && value !== '' && !KINDS[kind](value)) return { name, value, kind };
  }
  return null;
};

export const mount = (view, _ctx, route) => {
  const { name, value, kind } = invalidParam(route);
  replace(view,
    h('p', { class: 'error', role: 'alert', id: 'invalid-param', dataset: { param: name } }, t('error.invalidParam', { name, value, what: t(`error.not.${kind}`) })),
    h('p', {}, h('a', { class: 'default-link', href: routeHash(route.page, { ...route.params, [name]: undefined }, route.arg) }, t('error.withoutParam', { name }))));
  return { refresh: () => Promise.resolve() };
};
