import { Command } from 'commander';
import { isBusinessDate } from '@hearth/domain';
import * as E from 'fp-ts/Either';
import { householdHistory, type KnownAt, parseKnownAt, UnknownHouseholdError } from '@hearth/projections';
import { refuseOverDamagedLog } from '../damaged-log';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedger } from '../global-options';
import { emitJson, emitText } from '../output/emit';
import { printable } from '../output/printable';
import { renderTable } from '../output/table';

/** `--known-at`, read before the store is opened: a malformed instant is a usage error (exit 2) that touches nothing. */
const knownAtOption = (text: string): KnownAt => {
  const parsed = parseKnownAt(text);
  if (E.isLeft(parsed)) throw new CliError(`--known-at ${parsed.left}`, EXIT.usage);
  return parsed.right;
};

export const historyCommand = (globals: () => GlobalOptions): Command =>
  new Command('history')
    .argument('<householdId>', 'the household to replay')
    .option('--as-of <date>', 'state at the end of this business date (YYYY-MM-DD), every correction recorded applied; events stop there')
    .option('--known-at <when>', 'only what was recorded by then: a date (the end of that day in UTC) or a time with its zone (2021-06-15T17:00+08:00)')
    .description("the audit timeline of one household, with every event's hash check and verify's findings in its stream, and its state as of any date")
    .addHelpText('after', `
Two times (docs/decisions/0154). --as-of is business time: the household at the end of that
date as the ledger knows it now, each event read with every correction recorded for it,
whatever the correction's own date; "laterCorrections" lists the ones dated after --as-of.
--known-at is recording time: only the events recorded at or before that instant count,
so the answer is what the ledger said then. Either alone, or both.

The household's whole stream is checked as \`hearth verify\` checks each stream, whatever
--as-of and --known-at: every event's hash against the chain, and every event decided again
by the rules from the history before it. A forged event whose chain was recomputed passes
the hash check; the replay lists it (kind "rejected"). The checks across the whole log (a
missing position, recording times running back across streams) are verify's alone.

--json prints {"householdId", "divisionCode", "asOf", "knownAt", "status", "openLaborConcerns", "members",
"events": [{"position", "eventId", "type", "occurredOn", "recordedAt", "actor", "note", "data", "hashOk"}],
"laterCorrections": [{"position", "occurredOn", "recordedAt", "actor", "note", "correctedEventId",
"correctedPosition", "correctedType", "correction", "reason"}],
"anomalies": [{"householdId", "position", "kind", "detail"}]}.
An event's "eventId" (the table's "event id") is what a CorrectEvent names to amend it, and
what a later correction's "correctedEventId" points at.
Exit codes: 0 found (anomalies or not: \`hearth verify\` is the check that exits 5); 2 bad date
or time; 4 unknown household; 5 a stored event of the household that is not JSON at all (named
on stderr; run \`hearth verify\`).`)
    .action(async (householdId: string, opts: { asOf?: string; knownAt?: string }) => {
      const g = globals();
      if (opts.asOf !== undefined && !isBusinessDate(opts.asOf)) throw new CliError(`--as-of ${opts.asOf} is not a date (YYYY-MM-DD)`, EXIT.usage);
      const knownAt = opts.knownAt === undefined ? undefined : knownAtOption(opts.knownAt);
      const ledger = await openLedger(g);
      try {
        const h = await refuseOverDamagedLog(() => householdHistory(ledger.store, householdId, opts.asOf, ledger.context(), knownAt)).catch((e: unknown) => {
          // Quoted and escaped: an empty id reads as one, and a line break in it cannot forge a second message.
          if (e instanceof UnknownHouseholdError) throw new CliError(`unknown household "${printable(householdId)}"`, EXIT.unknownTarget);
          throw e;
        });
        if (g.json) return emitJson(h);
        emitText(`Household ${h.householdId} in ${h.divisionCode ?? '?'} — ${h.status}${h.asOf ? ` at the end of ${h.asOf}` : ''}${h.knownAt ? `, as recorded by ${h.knownAt}` : ''}`);
        if (h.openLaborConcerns.length > 0) emitText(`Open labour concerns (visits): ${h.openLaborConcerns.join(', ')}`);
        emitText('');
        emitText(renderTable(['member', 'born', 'capacity', 'willing', 'eligible', 'employed'], h.members.map((m) => [m.removed ? `${m.memberId} (removed)` : m.memberId, m.birthYear, m.laborCapacity, m.willing ? 'yes' : 'no', m.eligible ? 'yes' : 'no', m.employed ? 'yes' : 'no'])));
        emitText('');
        // The id in full: it is what a CorrectEvent line for `hearth import` names. A correction says which event it amends.
        const positionOf = new Map(h.events.map((e) => [e.eventId, e.position]));
        const what = (e: (typeof h.events)[number]): string => {
          if (e.type !== 'EventCorrected') return e.type;
          const target = (e.data as { eventId?: string }).eventId;
          const at = target === undefined ? undefined : positionOf.get(target);
          return `${e.type} (of pos ${at ?? '?'})`;
        };
        emitText(renderTable(['pos', 'event id', 'business date', 'recorded at (UTC)', 'actor', 'event', 'hash', 'note'], h.events.map((e) => [e.position, e.eventId, e.occurredOn, e.recordedAt.slice(0, 19), e.actor, what(e), e.hashOk ? 'ok' : 'BROKEN', e.note ?? ''])));
        if (h.laterCorrections.length > 0) {
          emitText(`\nCorrected by ${h.laterCorrections.length} correction(s) dated after ${h.asOf ?? '?'}, applied above:`);
          emitText(renderTable(['pos', 'business date', 'recorded at (UTC)', 'actor', 'corrects', 'fields', 'reason'], h.laterCorrections.map((c) => [c.position, c.occurredOn, c.recordedAt.slice(0, 19), c.actor, `${c.correctedType} (pos ${c.correctedPosition})`, Object.keys(c.correction).join(', '), c.reason])));
        }
        const broken = h.events.filter((e) => !e.hashOk).length;
        if (broken > 0) emitText(`\n${broken} event(s) fail the hash check: run \`hearth verify\`.`);
        if (h.anomalies.length === 0) return emitText('\nEvery event of the stream replays through the rules and matches its hash.');
        emitText(`\n${h.anomalies.length} anomal${h.anomalies.length === 1 ? 'y' : 'ies'} in the stream (\`hearth verify\` lists the same):`);
        emitText(renderTable(['pos', 'kind', 'detail'], h.anomalies.map((a) => [a.position, a.kind, a.detail])));
      } finally {
        await ledger.close();
      }
    });
