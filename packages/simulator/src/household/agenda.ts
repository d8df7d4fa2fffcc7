import { Day } from '../calendar';

/**
 * One future action of a household: what to do (`kind`, one of the codes in `tasks.ts`)
 * on which day, with up to three small integer arguments whose meaning depends on the kind.
 * `seq` is the order of scheduling, which breaks ties between tasks of the same day.
 */
export interface Task {
  readonly day: Day;
  readonly seq: number;
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/**
 * A household's agenda: a binary min-heap of tasks ordered by (day, seq), so tasks run
 * in date order and, within a day, in the order they were scheduled. Tasks after the
 * horizon are dropped: they would fall outside the simulated period.
 */
export class Agenda {
  private readonly heap: Task[] = [];
  private seq = 0;

  constructor(private readonly horizon: Day) {}

  add(d: Day, kind: number, a: number, b: number, c: number): void {
    if (d > this.horizon) return;
    const task: Task = { day: d, seq: this.seq++, kind, a, b, c };
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Task;
      if (parent.day < d || (parent.day === d && parent.seq < task.seq)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = task;
  }

  /** Removes and returns the earliest task, or `undefined` when nothing is left to do. */
  pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      const lt = h[l] as Task;
      if (r < n) {
        const rt = h[r] as Task;
        if (rt.day < lt.day || (rt.day === lt.day && rt.seq < lt.seq)) m = r;
      }
      const mt = h[m] as Task;
      if (last.day < mt.day || (last.day === mt.day && last.seq < mt.seq)) break;
      h[i] = mt;
      i = m;
    }
    h[i] = last;
    return top;
  }
}
