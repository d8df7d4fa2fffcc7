// Suppressed values in a chart. Left as null, a suppressed bar looks like a zero and a line just stops, as if the data
// ended there: each one gets instead a hatched placeholder from the axis to the top of the plot, whatever the value.
// A placeholder of some height would claim a size, and a suppressed cell may be a large complement (decision 37).
import { isSuppressed } from './cells.js';

const SUPPRESSED_INK = '#7a5d00';
/** Taller than any plot: the series clips it at the grid's top, so it fills the plot's height at any size. */
const FULL_HEIGHT = 100000;

const hatch = (alpha) => ({
  color: 'transparent',
  borderColor: SUPPRESSED_INK,
  borderType: 'dashed',
  borderWidth: 1,
  decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: `rgba(122, 93, 0, ${alpha})` },
});

/**
 * `option` with a placeholder drawn for every value of its series that `rows` (one a category, a series' id the field's
 * path) have suppressed, and a legend entry `label` for them. A bar's placeholder stands in the bar's own place (a stack
 * of its own with the bar); a line's fills its category's band behind everything, on a hidden copy of the category axis
 * so the bars' places are not shared with it. The placeholders hold 0, never the value, and have no tooltip of their own.
 */
export const markSuppressed = (option, rows, label) => {
  const suppressedIn = (s) => rows.map((r) => (isSuppressed(r, s.id) ? 0 : '-'));
  const marked = option.series.filter((s) => rows.some((r) => isSuppressed(r, s.id)));
  if (marked.length === 0) return option;
  const common = { name: label, type: 'bar', barMinHeight: FULL_HEIGHT, clip: true, tooltip: { show: false }, emphasis: { disabled: true } };
  const placeholders = marked.map((s) => (s.type === 'bar'
    ? { ...common, id: `${s.id}.suppressed`, stack: s.id, barMaxWidth: s.barMaxWidth, cursor: s.cursor, data: suppressedIn(s), itemStyle: hatch(0.55) }
    : { ...common, id: `${s.id}.suppressed`, xAxisIndex: 1, stack: 'lines', barWidth: '70%', z: 1, silent: true, data: suppressedIn(s), itemStyle: hatch(0.3) }));
  return {
    ...option,
    legend: { ...option.legend, data: [...option.legend.data, label] },
    xAxis: [option.xAxis, { ...option.xAxis, show: false }],
    // Each bar in a stack of its own with its placeholder: ECharts gives a stack one place in the category.
    series: [...option.series.map((s) => (s.type === 'bar' ? { ...s, stack: s.id } : s)), ...placeholders],
  };
};
