import type { Page } from 'playwright-core';

/**
 * How many pixels the chart in `selector` has drawn in each category's band, from a little above the value axis's 0 up to
 * `rise` pixels above it: a real 0 draws nothing there (a line at 0 runs along the axis, below the band), any bar or
 * placeholder does. Read from the chart's canvas itself, what the viewer sees, not from the option it was given.
 */
export const inkPerCategory = (page: Page, selector: string, rise = 60): Promise<number[]> =>
  page.evaluate(([s, up]) => {
    const el = document.querySelector(s) as HTMLElement;
    type Chart = { convertToPixel(f: object, v: number[]): number[]; getOption(): { xAxis: { data: string[] }[] } };
    const chart = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): Chart } }).echarts.getInstanceByDom(el);
    const count = chart.getOption().xAxis[0]?.data.length ?? 0;
    const at = (i: number) => chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [i, 0]) as [number, number];
    const [x0, y0] = at(0);
    const band = count > 1 ? (at(1)[0] - x0) : el.clientWidth / 2;
    const canvas = el.querySelector('canvas') as HTMLCanvasElement;
    const scale = canvas.width / canvas.clientWidth;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    return Array.from({ length: count }, (_, i) => {
      const left = at(i)[0] - band * 0.4;
      const { data } = ctx.getImageData(Math.round(left * scale), Math.round((y0 - up) * scale), Math.round(band * 0.8 * scale), Math.round((up - 6) * scale));
      let ink = 0;
      for (let p = 3; p < data.length; p += 4) if ((data[p] as number) > 0) ink++;
      return ink;
    });
  }, [selector, rise] as const);
