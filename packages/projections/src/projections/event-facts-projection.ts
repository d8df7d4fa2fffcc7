import type Database from 'better-sqlite3';
import type { EventType, HouseholdEvent } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection, SecondaryIndex } from '../projection';
import { RowInserts } from './row-inserts';

/** What a fact is derived from: one event, its household and its place in the log. */
export interface FactSource {
  readonly householdId: string;
  readonly position: number;
  readonly occurredOn: string;
  readonly event: HouseholdEvent;
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
 * The writer inserts rows 32 a statement as they come (row-inserts.ts, decision 94): the
 * rest of a page's at its flush, and before a correction removes the amended event's.
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
      const inserts = new RowInserts<FactValue>(db, spec.table, ['household_id', 'position', 'seq', ...columns]);
      const values: FactValue[] = new Array<FactValue>(3 + columns.length);
      const write = (source: FactSource): void => {
        const rows = spec.rowsOf(source);
        values[0] = source.householdId;
        values[1] = source.position;
        for (let seq = 0; seq < rows.length; seq++) {
          const row = rows[seq] as Row;
          values[2] = seq;
          for (let c = 0; c < columns.length; c++) values[3 + c] = row[columns[c] as keyof Row] ?? null;
          inserts.add(values);
        }
      };
      return {
        apply: (e: ProjectedEvent) => {
          if (e.event.type !== 'EventCorrected') {
            // An event's rows are a function of the event: writing them again replaces them with the same.
            if (handled.has(e.event.type)) write(e);
            return;
          }
          const target = e.corrected;
          if (target && handled.has(target.event.type)) {
            // The amended event may yield fewer rows than it did (a survey listing fewer members): start afresh,
            // once the rows before it are in the table (the amended event's among them, when in this page).
            inserts.finish();
            remove.run(e.householdId, target.position);
            write({ householdId: e.householdId, position: target.position, occurredOn: target.occurredOn, event: target.event });
          }
        },
        flush: () => inserts.finish(),
        discard: () => inserts.discard(),
      };
    },
  };
};
