// How a report cell is shown. The API sends null for a suppressed count and names it in the
// row's `suppressed` list: it is shown as "suppressed", never as a number.
import { h } from './dom.js';
import { money, ratioPercent, sharePercent } from './figures.js';
import { t } from './i18n.js';

/** The value at a dotted path ("trainingsOffered.vocational") of a report row. */
export const valueAt = (row, path) => path.split('.').reduce((v, k) => (v === null || v === undefined ? v : v[k]), row);

export const isSuppressed = (row, path) => Array.isArray(row.suppressed) && row.suppressed.includes(path);

const formats = { count: (v) => String(v), share: sharePercent, ratio: ratioPercent, money };

/** A table cell's content for `path` of `row`; `format` is count (default), share, ratio or money. */
export const cell = (row, path, format = 'count') => {
  if (isSuppressed(row, path)) return h('span', { class: 'suppressed', title: t('cell.suppressedTitle') }, t('cell.suppressed'));
  const value = valueAt(row, path);
  if (value === null || value === undefined) return h('span', { class: 'empty' }, t('cell.empty'));
  return formats[format](value);
};

/** Whether any row of the table had a cell suppressed. */
export const anySuppressed = (rows) => rows.some((r) => Array.isArray(r.suppressed) && r.suppressed.length > 0);
