// The two monthly tables the office files (dynamic clearance and progress, by child division,
// downloadable as CSV and .xlsx) and the service backlog with the households owed a referral.
import { api } from '../api.js';
import { anySuppressed, cell } from '../cells.js';
import { divisionPicker } from '../divisions.js';
import { download } from '../download.js';
import { h, replace, table } from '../dom.js';
import { t } from '../i18n.js';
import { routeHash } from '../router.js';
import { backlogDayOf, errorBox, field, section, standsAt, suppressedNotice, thisMonth } from './common.js';
import { MONTHLY_FIELDS } from './stock.js';

const KINDS = ['vocational', 'language', 'entrepreneurship', 'order-based'];
const FORMS = ['enterprise', 'flexible', 'self-employed', 'assisted'];
const PLACES = ['local', 'in-region', 'out-of-region'];
const REASONS = ['contract-ended', 'seasonal-end', 'quit', 'dismissed', 'returned-home', 'other'];

/** The progress table's rows (it is shown transposed: one row per figure, one column per division). */
const PROGRESS_FIGURES = [
  { path: 'membersSurveyed' }, { path: 'eligibleMembers' },
  ...['trainingsOffered', 'trainingsAccepted', 'trainingsDeclined', 'trainingsCompleted']
    .flatMap((g) => KINDS.map((k) => ({ path: `${g}.${k}`, group: g, label: `kind.${k}` }))),
  { path: 'referralsMade' }, { path: 'referralsAccepted' }, { path: 'referralsDeclined' }, { path: 'membersReferred' },
  ...FORMS.map((f) => ({ path: `employmentsStartedByForm.${f}`, group: 'employmentsStartedByForm', label: `form.${f}` })),
  ...PLACES.map((p) => ({ path: `employmentsStartedByPlace.${p}`, group: 'employmentsStartedByPlace', label: `place.${p}` })),
  ...REASONS.map((r) => ({ path: `employmentsEndedByReason.${r}`, group: 'employmentsEndedByReason', label: `reason.${r}` })),
  { path: 'incomeRecords' }, { path: 'medianMonthlyIncome', format: 'money' }, { path: 'meanMonthlyIncome', format: 'money' },
];

/**
 * Rows of a backlog list drawn at first. At the root of a whole region a list runs to tens
 * of thousands of households, which a browser takes many seconds to lay out (and the
 * page's other tables wait for it); the rest are drawn when asked for. The count in the
 * list's heading is always the whole list's.
 */
export const BACKLOG_ROWS_SHOWN = 100;

/** A backlog list's table: its first BACKLOG_ROWS_SHOWN rows, and a button that draws them all. */
const listTable = (columns, rows, caption) => {
  const wrap = h('div', { class: 'table-wrap' });
  const draw = (n) => replace(wrap, table(columns, rows.slice(0, n), { caption }), n >= rows.length ? null
    : h('p', { class: 'more' }, t('backlog.shown', { shown: String(n), count: String(rows.length) }), ' ',
      h('button', { type: 'button', class: 'show-all', onclick: () => draw(rows.length) }, t('backlog.showAll', { count: String(rows.length) }))));
  draw(BACKLOG_ROWS_SHOWN);
  return wrap;
};

const MONTH = /^\d{4}-\d{2}$/;

const figureLabel = (f) => (f.group ? `${t(`field.${f.group}`)}: ${t(f.label)}` : t(`field.${f.path}`));

export const mount = (view, { tree, go }, { params }) => {
  const month = MONTH.test(params.month ?? '') ? params.month : thisMonth();
  // Without a division the server picks the viewer's own (a caseworker's division, else the root).
  const asked = tree.get(params.division) ? params.division : undefined;
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.asOf ?? '') ? params.asOf : backlogDayOf(month);

  // The backlog follows the month (its default day, decision 183) unless the viewer sets "As of" in this form: a date
  // kept from the last month would list the backlog of another day under the new month's tables.
  let asOfSet = false;
  const asOfInput = h('input', { type: 'date', name: 'asOf', value: asOf, oninput: () => { asOfSet = true; } });
  const monthInput = h('input', {
    type: 'month', name: 'month', value: month,
    oninput: () => { if (!asOfSet && MONTH.test(monthInput.value)) asOfInput.value = backlogDayOf(monthInput.value); },
  });
  const asOfAsked = () => (asOfSet || monthInput.value === month ? asOfInput.value : undefined);
  const picker = divisionPicker(tree, asked ?? tree.home, (code) => go('monthly', { month: monthInput.value, division: code, asOf: asOfAsked() }));
  const form = h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); go('monthly', { month: monthInput.value, division: picker.value, asOf: asOfAsked() }); } },
    field('common.month', monthInput), field('common.division', picker), field('common.asOf', asOfInput), h('button', { type: 'submit' }, t('common.show')));

  const exportButtons = (report) => {
    const status = h('span', { class: 'download-status' });
    const run = (ext) => async () => {
      status.replaceChildren();
      try {
        await download(`/api/exports/${report}.${ext}`, { month, division: asked });
      } catch (error) {
        status.replaceChildren(errorBox(error));
      }
    };
    return h('div', { class: 'downloads' },
      h('button', { type: 'button', class: 'download', dataset: { export: `${report}.csv` }, onclick: run('csv') }, t('common.downloadCsv')),
      h('button', { type: 'button', class: 'download', dataset: { export: `${report}.xlsx` }, onclick: run('xlsx') }, t('common.downloadXlsx')),
      status);
  };

  const place = h('span', {}, asked ? tree.name(asked) : '');
  const monthlyEl = h('div', { class: 'table-wrap', id: 'monthly-table' });
  const progressEl = h('div', { class: 'table-wrap', id: 'progress-table' });
  const backlogEl = h('div', { id: 'backlog' });
  replace(view,
    h('h2', {}, t('nav.progress'), ' · ', place),
    form,
    h('section', {}, h('h3', {}, t('monthly.title'), ' · ', month), exportButtons('monthly'), monthlyEl),
    h('section', {}, h('h3', {}, t('progress.title'), ' · ', month), exportButtons('progress'), progressEl),
    h('section', {}, h('h3', {}, t('backlog.title'), ' · ', asOf), h('p', { class: 'hint' }, t('backlog.note')), backlogEl));

  /** The children's rows, then the division's own (the total), and the position they stand at: one request, so that they stand at one position of the ledger. */
  const both = async (load) => {
    const { total, byChild, position } = await load(asked);
    picker.value = total.division;
    place.textContent = tree.name(total.division);
    return { rows: [...(tree.children(total.division).length > 0 ? byChild.rows : []), total], position };
  };
  // A village's one row is its own, no total of anything: named by the village, as the clearance page names it.
  const divisionLabel = (rows) => (r) => (r === rows[rows.length - 1] && rows.length > 1 ? `${t('common.total')} · ${tree.name(r.division)}` : tree.name(r.division));

  const refreshMonthly = () => section(monthlyEl, async () => {
    const { rows, position } = await both((division) => api.monthlyWithChildren(month, division));
    replace(monthlyEl, anySuppressed(rows) ? suppressedNotice() : null, table([
      { label: t('common.division'), rowHeader: true, cell: divisionLabel(rows) },
      ...MONTHLY_FIELDS.map((key) => ({ label: t(`field.${key}`), cell: (r) => cell(r, key), class: 'num' })),
    ], rows, {
      rowClass: (r) => (r === rows[rows.length - 1] && rows.length > 1 ? 'total' : ''),
      caption: `${t('monthly.title')} · ${month} · ${tree.name(rows[rows.length - 1].division)}`,
    }), standsAt(position));
  });

  const refreshProgress = () => section(progressEl, async () => {
    const { rows, position } = await both((division) => api.progressWithChildren(month, division));
    const name = divisionLabel(rows);
    replace(progressEl, anySuppressed(rows) ? suppressedNotice() : null, table([
      { label: t('progress.field'), rowHeader: true, cell: (f) => figureLabel(f) },
      ...rows.map((r) => ({ label: name(r), cell: (f) => cell(r, f.path, f.format ?? 'count'), class: 'num' })),
    ], PROGRESS_FIGURES, { caption: `${t('progress.title')} · ${month} · ${tree.name(rows[rows.length - 1].division)}` }), standsAt(position));
  });

  const household = (id) => h('a', { href: routeHash('household', { asOf }, id), class: 'household-link' }, id);
  const refreshBacklog = () => section(backlogEl, async () => {
    const b = await api.backlog(asOf, asked);
    // An analyst gets each list's length (suppressed when small), not the households.
    const list = (key, columns) => Array.isArray(b[key])
      ? h('section', { class: 'backlog-list', dataset: { list: key } },
        h('h4', {}, t(`backlog.${key}`), ` (${b[key].length})`),
        b[key].length === 0 ? h('p', { class: 'empty' }, t('common.none')) : listTable(columns, b[key], `${t(`backlog.${key}`)} · ${asOf}`))
      : h('section', { class: 'backlog-list', dataset: { list: key } }, h('h4', {}, t(`backlog.${key}`), ': ', cell(b, key)));
    const col = (key, render = (r) => String(r[key] ?? t('cell.empty'))) => ({ label: t(`col.${key}`), cell: render });
    const hh = { ...col('householdId', (r) => household(r.householdId)), rowHeader: true };
    const div = col('divisionCode', (r) => tree.name(r.divisionCode));
    replace(backlogEl, anySuppressed([b]) ? suppressedNotice() : null,
      list('referralsOwed', [hh, div, col('memberId'), col('identifiedOn'), col('referrals'), col('owed')]),
      list('followUpsOverdue', [hh, div, col('clearedOn'), col('lastVisitOn'), col('dueOn')]),
      list('surveyUpdatesMissing', [hh, div, col('deadline'), col('lastSurveyOn')]),
      list('clearancePending', [hh, div, col('activeEmploymentIds', (r) => r.activeEmploymentIds.join(', '))]),
      list('openLaborConcerns', [hh, div, col('visitId'), col('raisedOn'), col('indicators', (r) => r.indicators.map((i) => t(`indicator.${i}`)).join(', ')), col('daysOpen')]));
  });

  return { refresh: () => Promise.all([refreshMonthly(), refreshProgress(), refreshBacklog()]) };
};
