import type Database from 'better-sqlite3';
import { STATUS_EVENTS, STATUS_READING_EVENTS, statusAfter, type EventType, type HouseholdEvent, type Status } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection } from '../projection';
import { RowInserts } from './row-inserts';

/** Pure: the household's status after `event`, from `current`: the domain's rule (`statusAfter`), the one home of it. */
export const nextStatus = (current: Status, event: HouseholdEvent): Status => statusAfter(current, event.type);

const READING = new Set<string>(STATUS_READING_EVENTS);

/**
 * Pure: the status after a recorded status event of type `type` that made `to` when it was
 * recorded, from `before`, the status the events before it at its date made: `to` itself,
 * but for an event that reads the status before (`statusAfter` from `before`), whose `to`
 * is what it made of the status when it was recorded, not at its date (docs/decisions/0164).
 */
export const statusAfterChange = (before: Status, type: string, to: Status): Status => (READING.has(type) ? statusAfter(before, type as EventType) : to);

/**
 * Pure: whether a status event is kept as a change (a row, a timeline entry), given the
 * status it found (`from`) and made (`to`) in log order and the latest date of the
 * household's changes kept before it (`latestOn`, undefined when none). Every event that
 * sets the status is; one that reads the status before it (a survey) only when it changed
 * it, or when it is dated before a change kept before it: dated on or after all of them,
 * it finds at its date and at every later one the status it found in log order, and
 * leaves it as it was, so keeping it would change no status at any date (docs/decisions/0164).
 * The annual survey updates of a household already surveyed are therefore not kept.
 */
export const keepsStatusEvent = (type: string, from: Status, to: Status, occurredOn: string, latestOn: string | undefined): boolean =>
  !READING.has(type) || to !== from || (latestOn !== undefined && occurredOn < latestOn);

/**
 * Each household's village and current status, and every status event dated by its
 * business date with the status it left and the one it made (`from_status`, `to_status`,
 * in log order): the status at any date is the fold (`statusAfterChange`) of the household's
 * events dated on or before it, among them a survey dated before a change kept before it,
 * also one that left the status as it was when it was recorded (`keepsStatusEvent`,
 * docs/decisions/0164); a monthly move into or out of the
 * stock is a change in the month whose from or to is `identified`. Likewise
 * every village the household was in, from its registration and each transfer of a
 * division reorganisation: its village at any date is the last one on or before it
 * (docs/decisions/0015).
 *
 * Stateful (from_status needs the status before), which is safe because the runner
 * applies each event exactly once. Corrections cannot change a status (an event's type
 * is not correctable); they can move a household to another village at registration.
 */
export const HouseholdStatusProjection: Projection = {
  name: 'household-status',
  // 3: the index on proj_village_changes (village), which scopes the backlog to a division; 4: a survey dated
  // before a change kept before it a row, also one that left the status as it was (docs/decisions/0164).
  version: 4,
  handles: [...STATUS_EVENTS, 'HouseholdTransferred', 'EventCorrected'],
  tables: ['proj_households', 'proj_status_changes', 'proj_village_changes'],
  schema: `
    CREATE TABLE IF NOT EXISTS proj_households (
      household_id TEXT PRIMARY KEY,
      village TEXT NOT NULL,
      status TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS proj_status_changes (
      household_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      occurred_on TEXT NOT NULL,
      event_type TEXT NOT NULL,
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      PRIMARY KEY (household_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS proj_village_changes (
      household_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      occurred_on TEXT NOT NULL,
      village TEXT NOT NULL,
      PRIMARY KEY (household_id, position)
    ) WITHOUT ROWID;
  `,
  indexes: [
    { name: 'proj_status_changes_on', table: 'proj_status_changes', on: 'occurred_on' },
    { name: 'proj_village_changes_village', table: 'proj_village_changes', on: 'village' },
  ],
  writer: (db: Database.Database) => {
    const current = db.prepare<[string], string>('SELECT status FROM proj_households WHERE household_id = ?').pluck();
    const latest = db.prepare<[string], string | null>('SELECT max(occurred_on) FROM proj_status_changes WHERE household_id = ?').pluck();
    const register = db.prepare('INSERT OR REPLACE INTO proj_households (household_id, village, status) VALUES (?, ?, ?)');
    const setStatus = db.prepare('UPDATE proj_households SET status = ? WHERE household_id = ?');
    const setVillage = db.prepare('UPDATE proj_households SET village = ? WHERE household_id = ?');
    const enterVillage = db.prepare('INSERT OR REPLACE INTO proj_village_changes (household_id, position, occurred_on, village) VALUES (?, ?, ?, ?)');
    const amendVillage = db.prepare('UPDATE proj_village_changes SET village = ? WHERE household_id = ? AND position = ?');
    const latestVillage = db.prepare<[string], string>('SELECT village FROM proj_village_changes WHERE household_id = ? ORDER BY position DESC LIMIT 1').pluck();
    // Nothing here reads a status change back: they are inserted 32 a statement, the rest at the page's flush (decision 94).
    const changes = new RowInserts<string | number>(db, 'proj_status_changes', ['household_id', 'position', 'occurred_on', 'event_type', 'from_status', 'to_status']);
    const change: (string | number)[] = ['', 0, '', '', '', ''];
    /**
     * The status each household of the page was left in by the page's events so far: read
     * from the table at its first status event of the page, then known (the table holds
     * what this writer wrote, in the same transaction), so that a household's events do not
     * read back its row one by one. Forgotten at the page's end.
     */
    let statuses = new Map<string, Status>();
    /**
     * Households whose status an event of the page changed, after their row was inserted: their row's status is set
     * once, at the flush, to the page's last (a household's events of a page are about five status changes, so five
     * `UPDATE`s were one).
     */
    let restated = new Set<string>();
    /**
     * The latest date of each household's changes kept so far, as far as this page knows: its
     * changes of this page, and, once a survey that changed nothing asked for it, the table's
     * (`keepsStatusEvent`'s `latestOn`). Only such a survey reads the table. Forgotten at the page's end.
     */
    let latestOn = new Map<string, string>();
    let latestRead = new Set<string>();
    const latestOnOf = (householdId: string): string | undefined => {
      let on = latestOn.get(householdId);
      if (!latestRead.has(householdId)) {
        latestRead.add(householdId);
        const stored = latest.get(householdId) ?? undefined;
        if (stored !== undefined && (on === undefined || stored > on)) latestOn.set(householdId, (on = stored));
      }
      return on;
    };
    const statusOf = (householdId: string): Status => {
      let s = statuses.get(householdId);
      if (s === undefined) statuses.set(householdId, (s = (current.get(householdId) ?? 'unregistered') as Status));
      return s;
    };
    return {
      flush: () => {
        changes.finish();
        for (const householdId of [...restated].sort()) setStatus.run(statuses.get(householdId) as Status, householdId);
        restated = new Set();
        statuses = new Map();
        latestOn = new Map();
        latestRead = new Set();
      },
      discard: () => {
        changes.discard();
        restated = new Set();
        statuses = new Map();
        latestOn = new Map();
        latestRead = new Set();
      },
      apply: (e: ProjectedEvent) => {
        const { event, householdId } = e;
        if (event.type === 'EventCorrected') {
          const target = e.corrected?.event;
          if (target?.type === 'HouseholdRegistered' && e.corrected) {
            amendVillage.run(target.data.divisionCode, householdId, e.corrected.position);
            setVillage.run(latestVillage.get(householdId) ?? target.data.divisionCode, householdId);
          }
          return;
        }
        if (event.type === 'HouseholdTransferred') {
          enterVillage.run(householdId, e.position, e.occurredOn, event.data.to);
          setVillage.run(event.data.to, householdId);
          return;
        }
        const from = statusOf(householdId);
        const to = nextStatus(from, event);
        // As the table: an update finds no row of a household not registered (never in a log the decider wrote).
        if (event.type === 'HouseholdRegistered' || from !== 'unregistered') statuses.set(householdId, to);
        if (event.type === 'HouseholdRegistered') {
          register.run(householdId, event.data.divisionCode, to);
          enterVillage.run(householdId, e.position, e.occurredOn, event.data.divisionCode);
        }
        // Set at the flush (an update finds no row of a household never registered, so none is held for one).
        else if (to !== from && from !== 'unregistered') restated.add(householdId);
        // A survey that left the status as it was only when dated before a change kept before it (decision 164).
        if (!keepsStatusEvent(event.type, from, to, e.occurredOn, to === from ? latestOnOf(householdId) : undefined)) return;
        const on = latestOn.get(householdId);
        if (on === undefined || e.occurredOn > on) latestOn.set(householdId, e.occurredOn);
        change[0] = householdId;
        change[1] = e.position;
        change[2] = e.occurredOn;
        change[3] = event.type;
        change[4] = from;
        change[5] = to;
        changes.add(change);
      },
    };
  },
};
