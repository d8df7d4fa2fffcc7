// Annual clearance against target by child division, with drill-down region → village.
import { api } from '../api.js';
import { cell, anySuppressed } from '../cells.js';
import { chartIn, tooltipValue } from '../charts.js';
import { h, replace, table } from '../dom.js';
import { t } from '../i18n.js';
import { routeHash } from '../router.js';
import { field, section, suppressedNotice, thisYear } from './common.js';

const COLUMNS = [
  ['baseline', 'count'], ['cumulativeShare', 'share'], ['target', 'count'], ['baselineCleared', 'count'], ['achievement', 'ratio'],
  ['underReview', 'count'], ['identifiedInYear', 'count'], ['clearedInYear', 'count'], ['relapsedInYear', 'count'], ['stockAtEnd', 'count'],
  ['withdrawnInYear', 'count'], ['exemptedInYear', 'count'], ['deregisteredInYear', 'count'],
];

export const mount = (view, { tree, go }, { params }) => {
  const year = Number(params.year ?? thisYear());
  const division = tree.get(params.division) ? params.division : tree.root;
  const here = tree.get(division);
  const below = tree.children(division);
  const childLevel = below[0]?.level;
  const down = (code) => go('clearance', { year, division: code });

  const yearInput = h('input', { type: 'number', name: 'year', min: '2000', max: '2100', value: String(year) });
  const form = h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); go('clearance', { year: yearInput.value, division }); } },
    field('common.year', yearInput), h('button', { type: 'submit' }, t('common.show')));
  const crumbs = h('nav', { class: 'breadcrumb', 'aria-label': t('common.division') },
    tree.lineage(division).map((d, i, all) => i === all.length - 1
      ? h('span', { 'aria-current': 'page' }, d.name)
      : h('a', { href: routeHash('clearance', { year, division: d.code }) }, d.name)));
  const chartEl = h('div', { class: 'chart', id: 'clearance-chart', role: 'img', 'aria-label': t('clearance.chart') });
  const notice = h('div', {});
  const tableEl = h('div', { class: 'table-wrap', id: 'clearance-table' });
  replace(view,
    h('h2', {}, t('clearance.title'), ' · ', String(year)),
    form, crumbs,
    h('p', { class: 'hint' }, childLevel ? `${t('clearance.byChild', { level: t(`level.${childLevel}`) })}. ${t('clearance.drillHint')}` : t('clearance.villageNote')),
    chartEl, notice, tableEl);

  const chart = chartIn(chartEl);
  chart.off('click');
  chart.on('click', (p) => {
    const code = chartEl.dataset.divisions ? JSON.parse(chartEl.dataset.divisions)[p.dataIndex] : undefined;
    if (code && code !== division) down(code);
  });

  const refresh = () => section(tableEl, async () => {
    const [total, byChild] = await Promise.all([
      api.clearance(year, division, false),
      below.length > 0 ? api.clearance(year, division, true) : Promise.resolve(null),
    ]);
    const rows = byChild ? byChild.rows : [total];
    chartEl.dataset.divisions = JSON.stringify(rows.map((r) => r.division));
    const fmt = tooltipValue(t('cell.suppressed'));
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { data: [t('field.baselineCleared'), t('field.target')] },
      grid: { left: 48, right: 16, bottom: 64, top: 40 },
      xAxis: { type: 'category', data: rows.map((r) => tree.name(r.division)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'baselineCleared', name: t('field.baselineCleared'), type: 'bar', data: rows.map((r) => r.baselineCleared), cursor: below.length > 0 ? 'pointer' : 'default' },
        { id: 'target', name: t('field.target'), type: 'bar', data: rows.map((r) => r.target), cursor: below.length > 0 ? 'pointer' : 'default' },
      ],
    }, { notMerge: true });
    replace(notice, anySuppressed([total, ...rows]) ? suppressedNotice() : null);
    const columns = [
      { label: t('common.division'), cell: (r) => r === total ? `${t('common.total')} · ${here.name}` : tree.name(r.division) },
      ...COLUMNS.map(([key, format]) => ({ label: t(`field.${key}`), cell: (r) => cell(r, key, format), class: 'num' })),
    ];
    replace(tableEl, table(columns, byChild ? [...rows, total] : [total], {
      onRow: byChild ? (r) => { if (r !== total) down(r.division); } : undefined,
      rowClass: (r) => (r === total && byChild ? 'total' : ''),
    }));
  });
  return { refresh };
};
