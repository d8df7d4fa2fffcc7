import type Database from 'better-sqlite3';
import type { EventType, HouseholdEvent } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { MemberFactRow } from './member-eligibility.projection';
import type { Projection, SecondaryIndex } from '../projection';

/** What a fact is derived from: one event, its household and its place in the log. */
export interface FactSource {
  readonly householdId: string;
  readonly position: number;
  readonly occurredOn: string;
  readonly event: HouseholdEvent;
  /**
   * The event's member facts once derived (member-eligibility.projection.ts
   * `memberFactsOf`), kept with the event through its page, so that the member-facts table
   * and the progress counters derive them once (docs/decisions/0088). A cache of a pure
   * function of the fields above: set by `memberFactsOf` only.
   */
  memberFacts?: readonly MemberFactRow[];
}

export type FactValue = string | number | null;

export interface EventFactsSpec<Row extends Record<string, FactValue>> {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly EventType[];
  readonly table: string;
  /** Column definitions after the key columns (household_id, position, seq). */
  readonly columns: { readonly [K in keyof Row]: string };
  /** Secondary indexes (named `<table>_ix<i>`): the indexed columns, and for a partial index the rows it holds. */
  readonly indexes?: readonly { readonly on: string; readonly where?: string }[];
  /** Pure: the rows one event contributes (seq is the index in this array). */
  rowsOf(source: FactSource): readonly Row[];
}

/**
 * The common shape of most projections here: each event yields a few rows keyed by
 * (household, position, seq), a pure function of the event alone. Writing is therefore
 * idempotent (replace the event's rows), and an `EventCorrected` is handled by deriving
 * the amended event's rows again from its corrected data — the correction is taken as
 * what should have been recorded in the first place, for every date.
 *
 * The writer holds a page's rows and writes them at its flush, in key order,
 * `FACT_ROWS_A_STATEMENT` a statement (`INSERT OR REPLACE … VALUES (…), (…), …`): one
 * better-sqlite3 call and one statement for 32 rows instead of one a row (decision 94).
 * A correction drops the rows held for the event it amends along with those stored.
 */
export const eventFactsProjection = <Row extends Record<string, FactValue>>(spec: EventFactsSpec<Row>): Projection => {
  const columns = Object.keys(spec.columns) as (keyof Row & string)[];
  const schema = `CREATE TABLE IF NOT EXISTS ${spec.table} (
      household_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      ${columns.map((c) => `${c} ${spec.columns[c]}`).join(',\n      ')},
      PRIMARY KEY (household_id, position, seq)
    ) WITHOUT ROWID;`;
  const indexes: SecondaryIndex[] = (spec.indexes ?? []).map((ix, i) => ({ name: `${spec.table}_ix${i}`, table: spec.table, ...ix }));
  const handled = new Set<string>(spec.handles);
  return {
    name: spec.name,
    version: spec.version,
    // Corrections of a handled event re-derive its rows.
    handles: [...spec.handles, 'EventCorrected'],
    tables: [spec.table],
    schema,
    indexes,
    writer: (db: Database.Database) => {
      const remove = db.prepare(`DELETE FROM ${spec.table} WHERE household_id = ? AND position = ?`);
      const width = 3 + columns.length;
      const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
      const insertOf = (n: number): Database.Statement =>
        db.prepare(`INSERT OR REPLACE INTO ${spec.table} (household_id, position, seq, ${columns.join(', ')}) VALUES ${new Array<string>(n).fill(tuple).join(', ')}`);
      const insertMany = insertOf(FACT_ROWS_A_STATEMENT);
      const insertOne = insertOf(1);
      // The page's events' rows, written at flush (decision 94).
      let held: HeldRows<Row>[] = [];
      const hold = (source: FactSource): void => {
        const rows = spec.rowsOf(source);
        if (rows.length > 0) held.push({ householdId: source.householdId, position: source.position, rows });
      };
      const many: FactValue[] = new Array<FactValue>(width * FACT_ROWS_A_STATEMENT);
      const one: FactValue[] = new Array<FactValue>(width);
      const flush = (): void => {
        const page = held;
        held = [];
        // Key order (household, position; seq within an event): each statement's rows lie together in the table.
        page.sort(byKey);
        let n = 0;
        for (const h of page) {
          for (let seq = 0; seq < h.rows.length; seq++) {
            const row = h.rows[seq] as Row;
            const at = n * width;
            many[at] = h.householdId;
            many[at + 1] = h.position;
            many[at + 2] = seq;
            for (let c = 0; c < columns.length; c++) many[at + 3 + c] = row[columns[c] as keyof Row] ?? null;
            if (++n === FACT_ROWS_A_STATEMENT) {
              insertMany.run(many);
              n = 0;
            }
          }
        }
        for (let r = 0; r < n; r++) {
          for (let c = 0; c < width; c++) one[c] = many[r * width + c] as FactValue;
          insertOne.run(one);
        }
      };
      return {
        apply: (e: ProjectedEvent) => {
          if (e.event.type !== 'EventCorrected') {
            // An event's rows are a function of the event: writing them again replaces them with the same.
            if (handled.has(e.event.type)) hold(e);
            return;
          }
          const target = e.corrected;
          if (target && handled.has(target.event.type)) {
            // The amended event may yield fewer rows than it did (a survey listing fewer members): start afresh,
            // from the table (an earlier page's rows) and from this page's rows held for it.
            held = held.filter((h) => h.householdId !== e.householdId || h.position !== target.position);
            remove.run(e.householdId, target.position);
            hold({ householdId: e.householdId, position: target.position, occurredOn: target.occurredOn, event: target.event });
          }
        },
        flush,
        discard: () => {
          held = [];
        },
      };
    },
  };
};

/** Rows a statement while a page's rows are written (decision 94; the event store's write session takes 32 too, decision 91). */
export const FACT_ROWS_A_STATEMENT = 32;

/** One event's rows, held until the page's flush. */
interface HeldRows<Row> {
  readonly householdId: string;
  readonly position: number;
  readonly rows: readonly Row[];
}

const byKey = <Row>(a: HeldRows<Row>, b: HeldRows<Row>): number =>
  a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : a.position - b.position;
