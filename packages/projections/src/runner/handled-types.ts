import type { Projection } from '../projection';
import type { ProjectedEvent } from '../projected-event';

/**
 * Which projections take which events of a page, by event type (`Projection.handles`).
 * Every event type any projection handles gets a small number, and each projection a
 * table of the numbers it takes: a page looks each event's type up once (`typesOf`)
 * and each projection then tests an array entry, where it tested its own `Set` of type
 * names once an event, six lookups of a string an event (docs/performance/catch-up.md).
 */
export class HandledTypes {
  /** Event type → its number, from 1; a type no projection handles has none (0). */
  private readonly numbers = new Map<string, number>();
  private readonly tables = new Map<string, Uint8Array>();

  constructor(projections: readonly Projection[]) {
    for (const p of projections) for (const type of p.handles) if (!this.numbers.has(type)) this.numbers.set(type, this.numbers.size + 1);
    for (const p of projections) {
      const table = new Uint8Array(this.numbers.size + 1);
      for (const type of p.handles) table[this.numbers.get(type) as number] = 1;
      this.tables.set(p.name, table);
    }
  }

  /** Each event's type number, in the page's order. */
  typesOf(events: readonly ProjectedEvent[]): Uint16Array {
    const out = new Uint16Array(events.length);
    for (let i = 0; i < events.length; i++) out[i] = this.numbers.get((events[i] as ProjectedEvent).event.type) ?? 0;
    return out;
  }

  /** The projection's table: entry 1 at the numbers of the types it handles. */
  of(projection: string): Uint8Array {
    return this.tables.get(projection) as Uint8Array;
  }
}
