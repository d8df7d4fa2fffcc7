import { progressBar, renderBar } from './progress-bar';

const sink = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, out: { isTTY, write: (s: string) => writes.push(s) } };
};

describe('progress bar', () => {
  it('draws the share done', () => {
    expect(renderBar(0, 10, 10)).toBe('[----------]   0%');
    expect(renderBar(5, 10, 10)).toBe('[#####-----]  50%');
    expect(renderBar(10, 10, 10)).toBe('[##########] 100%');
    expect(renderBar(12, 10, 4)).toBe('[####] 100%');
  });

  it('off a terminal: one line per tenth, then the final line, so logs stay readable', () => {
    const { writes, out } = sink(false);
    const bar = progressBar({ label: 'households', total: 100, out, width: 10, now: () => 0 });
    for (let i = 1; i <= 99; i++) bar.update(i, `${i * 30} commands`);
    bar.finish('2,970 commands');
    expect(writes).toHaveLength(11); // the first update of each tenth (0–9 %, 10–19 %, … 90–99 %) and the finish
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes[0]).toBe('households [----------]   1% 1/100 · 30 commands · 0 s\n');
    expect(writes[1]).toBe('households [#---------]  10% 10/100 · 300 commands · 0 s\n');
    expect(writes[10]).toBe('households [##########] 100% 100/100 · 2,970 commands · 0 s\n');
  });

  it('on a terminal: redrawn in place, at most every 100 ms', () => {
    const { writes, out } = sink(true);
    let t = 0;
    const bar = progressBar({ label: 'x', total: 4, out, width: 4, now: () => t });
    t = 200;
    bar.update(1);
    bar.update(2); // same instant: skipped
    t = 400;
    bar.update(3);
    bar.finish();
    expect(writes).toHaveLength(3);
    expect(writes[0]?.startsWith('\rx [#---]  25% 1/4')).toBe(true);
    expect(writes[2]?.endsWith('\n')).toBe(true);
  });
});
