import { correctedEvent, correctionsIn, Fact, fold, HouseholdState, householdIdOf } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { directLogPages, type LogReadOptions } from './log-read-options';
import { decodeHouseholdEvent } from '../runner/prepare-events';

/** One household's history as the direct computation reads it. */
export interface HouseholdHistory {
  readonly householdId: string;
  /** The village of its (corrected) registration: where it is before any transfer. */
  readonly village: string | undefined;
  /**
   * Its events in stream order with every correction of the stream applied to the event
   * it amends, and the EventCorrected events themselves left out: the facts as they
   * should have been recorded, which is how the read models date them too.
   */
  readonly facts: readonly Fact[];
}

/** Dates whose states the ledger keeps (HouseholdLedger.stateAt). */
const FOLDED_DATES = 8;

/**
 * Every household's history, folded on demand with the domain's own `evolve` up to any
 * business date. This is the reference the projections are tested against: it shares
 * no code with them beyond the domain, and it is plain enough for an auditor to read.
 * It holds the whole log in memory: meant for tests and audits, not for serving reports.
 */
export class HouseholdLedger {
  /** date → household → its state at the end of that date, for the few dates asked last (FOLDED_DATES). */
  private readonly folds = new Map<string, Map<string, HouseholdState>>();
  /** The households by where they are at one date: the last date asked (placedAt). */
  private placed: { readonly date: string; readonly byPlace: ReadonlyMap<string, readonly number[]>; readonly all: readonly HouseholdHistory[] } | undefined;

  private constructor(readonly households: ReadonlyMap<string, HouseholdHistory>) {}

  /** The log's households, or only those in `opts.only` (the reports of one division and those below it: `householdsEverIn`). */
  static async load(store: EventStore, opts: LogReadOptions & { readonly only?: ReadonlySet<string> } = {}): Promise<HouseholdLedger> {
    const raw = new Map<string, Fact[]>();
    const { only } = opts;
    for await (const page of directLogPages(store, opts)) {
      for (const r of page) {
        const householdId = householdIdOf(r.streamId);
        if (householdId === undefined || (only !== undefined && !only.has(householdId))) continue;
        const facts = raw.get(householdId) ?? [];
        facts.push({ event: decodeHouseholdEvent(r), meta: { eventId: r.eventId, occurredOn: r.occurredOn } });
        raw.set(householdId, facts);
      }
    }
    const households = new Map<string, HouseholdHistory>();
    for (const [householdId, all] of raw) {
      const corrections = correctionsIn(all);
      const facts = all
        .filter((f) => f.event.type !== 'EventCorrected')
        .map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta }));
      const registration = facts.find((f) => f.event.type === 'HouseholdRegistered')?.event;
      const village = registration?.type === 'HouseholdRegistered' ? registration.data.divisionCode : undefined;
      households.set(householdId, { householdId, village, facts });
    }
    return new HouseholdLedger(households);
  }

  /** The household's state at the end of `date`: every fact dated on or before it, in stream order. */
  stateAt(householdId: string, date: string): HouseholdState {
    const atDate = this.foldsAt(date);
    let s = atDate.get(householdId);
    if (s === undefined) {
      const h = this.households.get(householdId);
      s = fold(h ? h.facts.filter((f) => f.meta.occurredOn <= date) : []);
      atDate.set(householdId, s);
    }
    return s;
  }

  /**
   * The states kept for `date`, made the most recently used. Only the last FOLDED_DATES
   * dates keep theirs: a report reads a few dates (a period's ends, the baseline cutoff, a
   * deadline), and keeping every household's state at every date asked ran the check of
   * the read models at 20,000 households out of memory after 60 periods.
   */
  private foldsAt(date: string): Map<string, HouseholdState> {
    let atDate = this.folds.get(date);
    if (atDate !== undefined) this.folds.delete(date);
    else atDate = new Map();
    this.folds.set(date, atDate);
    if (this.folds.size > FOLDED_DATES) this.folds.delete(this.folds.keys().next().value as string);
    return atDate;
  }

  /**
   * The household's village at the end of `date`: its state's division (registration, then
   * each transfer dated on or before `date`), else the village it registered in.
   */
  villageAt(householdId: string, date: string): string | undefined {
    return this.stateAt(householdId, date).divisionCode ?? this.households.get(householdId)?.village;
  }

  /**
   * Every household (`all`, in the ledger's order) and, by the division it is in at the end
   * of `date` (villageAt), the indexes of those there. The last date asked is kept: a report
   * asks for each of its divisions at one date in turn, and placing every household again
   * for each division made checking the read models at 20,000 households take an hour.
   */
  placedAt(date: string): { readonly byPlace: ReadonlyMap<string, readonly number[]>; readonly all: readonly HouseholdHistory[] } {
    if (this.placed?.date === date) return this.placed;
    const all = [...this.households.values()];
    const byPlace = new Map<string, number[]>();
    all.forEach((h, i) => {
      const place = this.villageAt(h.householdId, date);
      if (place === undefined) return;
      const here = byPlace.get(place);
      if (here === undefined) byPlace.set(place, [i]);
      else here.push(i);
    });
    this.placed = { date, byPlace, all };
    return this.placed;
  }

  /** Facts dated from `from` to `to` inclusive, in stream order. */
  factsBetween(householdId: string, from: string, to: string): Fact[] {
    return (this.households.get(householdId)?.facts ?? []).filter((f) => f.meta.occurredOn >= from && f.meta.occurredOn <= to);
  }
}
