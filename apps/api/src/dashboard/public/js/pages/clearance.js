// Annual clearance against target by child division, with drill-down region → village.
import { api } from '../api.js';
import { cell, anySuppressed } from '../cells.js';
import { markSuppressed } from '../chart-suppressed.js';
import { chartIn, tooltipValue } from '../charts.js';
import { h, replace, table } from '../dom.js';
import { t } from '../i18n.js';
import { routeHash } from '../router.js';
import { field, section, standsAt, suppressedNotice, thisYear } from './common.js';

const COLUMNS = [
  ['baseline', 'count'], ['cumulativeShare', 'share'], ['target', 'count'], ['baselineCleared', 'count'], ['achievement', 'ratio'],
  ['underReview', 'count'], ['identifiedInYear', 'count'], ['clearedInYear', 'count'], ['relapsedInYear', 'count'], ['stockAtEnd', 'count'],
  ['withdrawnInYear', 'count'], ['exemptedInYear', 'count'], ['deregisteredInYear', 'count'],
];

export const mount = (view, { tree, go }, { params }) => {
  const year = Number(params.year || thisYear());
  // Without a division the server picks the viewer's own (a caseworker's division, else the root).
  const asked = tree.get(params.division) ? params.division : undefined;
  const down = (code) => go('clearance', { year, division: code });

  const yearInput = h('input', { type: 'number', name: 'year', min: '1900', max: '2999', value: String(year) });
  const form = h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); go('clearance', { year: yearInput.value, division: asked }); } },
    field('common.year', yearInput), h('button', { type: 'submit' }, t('common.show')));
  const crumbs = h('nav', { class: 'breadcrumb', id: 'breadcrumb', 'aria-label': t('common.division') });
  const hint = h('p', { class: 'hint' });
  const chartEl = h('div', { class: 'chart', id: 'clearance-chart', role: 'img', 'aria-label': t('clearance.chart') });
  const notice = h('div', {});
  const tableEl = h('div', { class: 'table-wrap', id: 'clearance-table' });
  replace(view, h('h2', {}, t('clearance.title'), ' · ', String(year)), form, crumbs, hint, chartEl, notice, tableEl);

  const chart = chartIn(chartEl);
  chart.on('click', (p) => {
    const codes = chartEl.dataset.divisions ? JSON.parse(chartEl.dataset.divisions) : [];
    const code = codes[p.dataIndex];
    if (code && code !== chartEl.dataset.division) down(code);
  });

  const refresh = () => section(tableEl, async () => {
    // The total and its children in one request, so that they stand at one position of the ledger.
    const { total, byChild: children, position } = await api.clearanceWithChildren(year, asked);
    const division = total.division;
    const here = tree.get(division);
    const below = tree.children(division);
    const byChild = below.length > 0 ? children : null;
    const rows = byChild ? byChild.rows : [total];

    replace(crumbs, tree.lineageFromHome(division).map((d, i, all) => i === all.length - 1
      ? h('span', { 'aria-current': 'page', dataset: { level: d.level } }, d.name)
      : h('a', { href: routeHash('clearance', { year, division: d.code }) }, d.name)));
    // One label, not two joined here: each language ends its own sentences (a Chinese one with 。).
    replace(hint, below.length > 0 ? t('clearance.byChild', { level: t(`level.${below[0].level}`) }) : t('clearance.villageNote'));
    chartEl.dataset.division = division;
    chartEl.dataset.divisions = JSON.stringify(rows.map((r) => r.division));
    const fmt = tooltipValue(t('cell.suppressed'));
    const cursor = byChild ? 'pointer' : 'default';
    chart.setOption(markSuppressed({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { top: 4, data: [t('field.baselineCleared'), t('field.target')] },
      grid: { left: 48, right: 16, bottom: 64, top: 40 },
      xAxis: { type: 'category', data: rows.map((r) => tree.name(r.division)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'baselineCleared', name: t('field.baselineCleared'), type: 'bar', barMaxWidth: 64, data: rows.map((r) => r.baselineCleared), cursor },
        { id: 'target', name: t('field.target'), type: 'bar', barMaxWidth: 64, data: rows.map((r) => r.target), cursor },
      ],
    }, rows, t('chart.suppressed')), { notMerge: true });
    replace(notice, anySuppressed([total, ...rows]) ? suppressedNotice() : null);
    const columns = [
      { label: t('common.division'), rowHeader: true, cell: (r) => (r === total && byChild ? `${t('common.total')} · ${here?.name ?? division}` : tree.name(r.division)) },
      ...COLUMNS.map(([key, format]) => ({ label: t(`field.${key}`), cell: (r) => cell(r, key, format), class: 'num' })),
    ];
    replace(tableEl, table(columns, byChild ? [...rows, total] : [total], {
      // The total is the division shown: a row to open only below it.
      rowLink: (r) => (byChild && r !== total ? routeHash('clearance', { year, division: r.division }) : null),
      rowClass: (r) => (r === total && byChild ? 'total' : ''),
      caption: `${t('clearance.title')} · ${year} · ${here?.name ?? division}`,
    }), standsAt(position));
  });
  return { refresh };
};
