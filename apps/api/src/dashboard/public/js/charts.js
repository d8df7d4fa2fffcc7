// ECharts (served by the app, loaded as a classic script: window.echarts). One instance per
// element, reused across refreshes so tests and viewers see the same object.
const echarts = () => window.echarts;

export const chartIn = (el) => echarts().getInstanceByDom(el) ?? echarts().init(el, null, { renderer: 'canvas' });

export const disposeChartsIn = (root) => {
  for (const el of root.querySelectorAll('.chart')) echarts().getInstanceByDom(el)?.dispose();
};

window.addEventListener('resize', () => {
  for (const el of document.querySelectorAll('.chart')) echarts().getInstanceByDom(el)?.resize();
});

/** Tooltip text for a value that may be suppressed (null). */
export const tooltipValue = (suppressedLabel) => (value) => (value === null || value === undefined || value === '-' ? suppressedLabel : String(value));
