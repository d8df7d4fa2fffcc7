// The identified stock month by month: the monthly dynamic clearance table over a year.
import { api } from '../api.js';
import { anySuppressed, cell } from '../cells.js';
import { markSuppressed } from '../chart-suppressed.js';
import { chartIn, tooltipValue } from '../charts.js';
import { divisionPicker } from '../divisions.js';
import { h, replace, table } from '../dom.js';
import { t } from '../i18n.js';
import { field, section, standsAt, suppressedNotice, thisYear } from './common.js';

export const MONTHLY_FIELDS = ['stockAtStart', 'identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];

export const mount = (view, { tree, go }, { params }) => {
  const year = Number(params.year || thisYear());
  // Without a division the server picks the viewer's own (a caseworker's division, else the root).
  const asked = tree.get(params.division) ? params.division : undefined;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

  const yearInput = h('input', { type: 'number', name: 'year', min: '1900', max: '2999', value: String(year) });
  const picker = divisionPicker(tree, asked ?? tree.home, (code) => go('stock', { year: yearInput.value, division: code }));
  const form = h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); go('stock', { year: yearInput.value, division: picker.value }); } },
    field('common.year', yearInput), field('common.division', picker), h('button', { type: 'submit' }, t('common.show')));
  const chartEl = h('div', { class: 'chart', id: 'stock-chart', role: 'img', 'aria-label': t('stock.chart') });
  const notice = h('div', {});
  const tableEl = h('div', { class: 'table-wrap', id: 'stock-table' });
  const place = h('span', {}, asked ? tree.name(asked) : '');
  replace(view, h('h2', {}, t('stock.title'), ' · ', place, ' · ', String(year)), form, chartEl, notice, tableEl);
  const chart = chartIn(chartEl);

  const refresh = () => section(tableEl, async () => {
    // One request, one snapshot: the year's line never straddles an event (decision 168).
    const { months: rows, position } = await api.monthsOfYear(year, asked);
    picker.value = rows[0].division;
    place.textContent = tree.name(rows[0].division);
    const fmt = tooltipValue(t('cell.suppressed'));
    chart.setOption(markSuppressed({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { top: 4, data: [t('field.stockAtEnd'), t('field.identified'), t('field.cleared')] },
      grid: { left: 48, right: 16, bottom: 40, top: 40 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'stockAtEnd', name: t('field.stockAtEnd'), type: 'line', data: rows.map((r) => r.stockAtEnd) },
        { id: 'identified', name: t('field.identified'), type: 'bar', barMaxWidth: 32, data: rows.map((r) => r.identified) },
        { id: 'cleared', name: t('field.cleared'), type: 'bar', barMaxWidth: 32, data: rows.map((r) => r.cleared) },
      ],
    }, rows, t('chart.suppressed')), { notMerge: true });
    replace(notice, anySuppressed(rows) ? suppressedNotice() : null);
    replace(tableEl, table([
      { label: t('col.month'), rowHeader: true, cell: (r) => r.month },
      ...MONTHLY_FIELDS.map((key) => ({ label: t(`field.${key}`), cell: (r) => cell(r, key), class: 'num' })),
    ], rows, { caption: `${t('stock.title')} · ${tree.name(rows[0].division)} · ${year}` }), standsAt(position));
  });
  return { refresh };
};
