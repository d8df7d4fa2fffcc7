import type { BenchReport } from './bench';
import type { CatchUpResult } from './read-bench';

const MB = 1024 * 1024;
const fmtMs = (ms: number | null): string => (ms === null ? '—' : ms >= 100 ? `${Math.round(ms).toLocaleString('en')} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(1)} µs`);
const fmtRate = (n: number, unit: string): string => `${Math.round(n).toLocaleString('en')} ${unit}/s`;
const fmtRatio = (r: number): string => (Number.isFinite(r) ? `×${r >= 10 ? r.toFixed(1) : r.toFixed(2)}` : '∞');
/** A ratio of rates (append, peer): higher is better, so it is marked apart from the cost ratios. */
const fmtRateRatio = (r: number): string => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}× rate` : '∞');
const fmtMb = (b: number): string => `${(b / MB).toFixed(1)} MB`;

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export const table = (headers: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

/** What each comparison means and why its baseline is a floor (printed under the table). */
export const EXPLANATIONS: readonly (readonly [string, string])[] = [
  ['import', "`hearth import --workers 2` (decision 172: the file's households in two parts, two processes deciding at once, each batch written in one transaction with its part's checkpoint; `--import-workers` sets the number, and a count above 1 also measures one process against its own floor; peak RSS is the processes' peaks added up) — the real executable: Ledger + importCommands, batches of 1000 in one transaction each with the file checkpoint, line command ids, io-ts decoding, decide/evolve, hash chain) into a fresh SQLite file, vs inserting the same number of rows of the same mean size through one prepared statement in as many transactions into a bare table of another file, same pragmas. Both are fresh processes started alike; each one's start-up (empty input) is measured interleaved and subtracted. The floor is what SQLite itself charges to store those bytes in those commits."],
  ['decide+fold', "every line JSON.parsed, decoded by parseCommand, decided and folded by householdDecider in memory (no store, no hashing), vs JSON.parse of the same lines only: reading the input is the least any import does."],
  ['catch-up', "openProjections(...).runner.catchUp() from zero on a copy of the imported store (every read model, rows and checkpoints in one transaction per 5000-event page), vs readAll over the same copy in the same pages doing nothing: a projection cannot avoid reading the log. The store is the one `import` wrote; with several import processes, whose parts leave the households out of the read models' key order (decision 190), the same again on the store the import in one process wrote."],
  ['report', "each root report query on the caught-up read models vs SELECT count(*) over the read models' largest table: a whole-region report must at least visit that table once."],
  ['verify', "verifyLog (every hash chain recomputed, every household replayed through the Decider, position gaps, late recordings) vs listing the streams by paging the log and reading every stream: verification cannot read less."],
  ['append', "the region's first commands, one at a time through ledger.commandHandler() (decide on the household's cached fold, read whole on first sight; seal; append with the version folded to, which checks the fold; a rejection or 'unchanged' on a cached fold is checked by a version read) on a fresh SQLite store, vs one BEGIN IMMEDIATE transaction per command doing SELECT max(version) and INSERTing the rows the handler stored, into the store's own table on another file, same pragmas. Ratio = the handler's rate / the floor's (higher is better)."],
  ['history', "one household loaded and folded (readStream + foldRecorded with the household Decider's evolve, as the command handler does on a cold cache) vs the same rows read through one prepared statement and their data and metadata JSON.parsed; every sampled household timed on each side, alternating which goes first; ratio = p99 / the floor's p99."],
  ['date order', "the import and the catch-up above again, each against its own floor, on the same commands written in business-date order (`hearth generate --order date`): households interleaved, as a ledger written day by day or a legacy system's export interleaves them, where the log above keeps each household's commands together. And `hearth rebuild --read-models FILE` of that log (every read model from zero into a new file of their own, read stream by stream in one transaction: decision 119) against readAll of the same log doing nothing. Then the way decision 108 recommends for such a file: regrouped household by household (`hearth regroup`'s work, in process) and imported, regroup and net import together against the import's floor."],
  ['peer', "the same households on Hearth's SqliteEventStore and on Emmett's SQLite event store, both WAL + synchronous = NORMAL, in one child process: each event appended by its own call with the stream's expected version into a fresh file, then every stream read whole. Ratio = Hearth's rate / Emmett's (higher is better). 'One kept connection': the same against Emmett's exported schema functions (createEventStoreSchema, appendToStream, readStream) on one connection, without its store's connection per call."],
];

/** The import in one process beside a split one: its net ratio against its own floor, and its peak RSS. */
const importInOneProcess = (o: NonNullable<BenchReport['importOneProcess']>): string[][] => [
  ['import, one process (net of start-up)', fmtMs(o.subject.netMs), fmtMs(o.baseline.netMs), fmtRatio(o.ratio), fmtRate(o.subject.commandsPerSec, 'cmd'), fmtRate(o.baseline.commandsPerSec, 'cmd')],
  ['  peak RSS', fmtMb(o.subject.memory.peakRssBytes), fmtMb(o.baseline.memory.peakRssBytes), '', '', ''],
];

/** A comparison of work that reads the whole log against reading it (a catch-up, a rebuild): times, ratio, event rates. */
const againstTheReadRow = (label: string, c: Omit<CatchUpResult, 'projectedStorePath'>): string[] => [
  label,
  fmtMs(c.subjectMs),
  fmtMs(c.baselineMs),
  fmtRatio(c.ratio),
  fmtRate(c.subjectEventsPerSec, 'evt'),
  fmtRate(c.baselineEventsPerSec, 'evt'),
];

export const renderReport = (r: BenchReport): string => {
  const i = r.import;
  const rows: string[][] = [
    [`import${i.workers > 1 ? `, ${i.workers} processes` : ''} (net of start-up)`, fmtMs(i.subject.netMs), fmtMs(i.baseline.netMs), fmtRatio(i.ratio), fmtRate(i.subject.commandsPerSec, 'cmd'), fmtRate(i.baseline.commandsPerSec, 'cmd')],
    ['import (whole process)', fmtMs(i.subject.grossMs), fmtMs(i.baseline.grossMs), fmtRatio(i.grossRatio), '', ''],
    ['  start-up alone', fmtMs(i.subject.startupMs), fmtMs(i.baseline.startupMs), '', '', ''],
    ['  peak RSS', fmtMb(i.subject.memory.peakRssBytes), fmtMb(i.baseline.memory.peakRssBytes), fmtRatio(i.subject.memory.peakRssBytes / i.baseline.memory.peakRssBytes), '', ''],
    ['  peak RSS, start-up alone', fmtMb(i.subject.startupPeakRssBytes), fmtMb(i.baseline.startupPeakRssBytes), '', '', ''],
    ['  peak heap growth', fmtMb(i.subject.memory.heapGrowthBytes), fmtMb(i.baseline.memory.heapGrowthBytes), fmtRatio(i.subject.memory.heapGrowthBytes / Math.max(1, i.baseline.memory.heapGrowthBytes)), '', ''],
    ...(r.importOneProcess ? importInOneProcess(r.importOneProcess) : []),
    ['decide+fold', fmtMs(r.decideFold.subjectMs), fmtMs(r.decideFold.baselineMs), fmtRatio(r.decideFold.ratio), fmtRate(r.decideFold.subjectCommandsPerSec, 'cmd'), fmtRate(r.decideFold.baselineCommandsPerSec, 'cmd')],
    againstTheReadRow('catch-up', r.catchUp),
    ...(r.catchUpOneProcess ? [againstTheReadRow('  the store imported in one process', r.catchUpOneProcess)] : []),
    ...r.reports.queries.map((q) => [`report ${q.query}`, fmtMs(q.subjectMs), fmtMs(q.baselineMs), fmtRatio(q.ratio), `${q.iterations} calls/run`, '']),
    ['verify', fmtMs(r.verify.subjectMs), fmtMs(r.verify.baselineMs), fmtRatio(r.verify.ratio), fmtRate(r.verify.subjectEventsPerSec, 'evt'), fmtRate(r.verify.baselineEventsPerSec, 'evt')],
    ['append (one command at a time)', fmtMs(r.append.subjectMs), fmtMs(r.append.baselineMs), fmtRateRatio(r.append.ratio), fmtRate(r.append.subjectPerSec, 'cmd'), fmtRate(r.append.baselinePerSec, 'cmd')],
    ['history p99 (load + fold)', fmtMs(r.history.p99Us / 1000), fmtMs(r.history.baselineP99Us / 1000), fmtRatio(r.history.ratio), `p50 ${fmtMs(r.history.p50Us / 1000)}`, `p50 ${fmtMs(r.history.baselineP50Us / 1000)}`],
    ['peer append (Hearth / Emmett)', fmtMs(r.peer.append.hearthMs), fmtMs(r.peer.append.emmettMs), fmtRateRatio(r.peer.append.ratio), fmtRate(r.peer.append.hearthPerSec, 'evt'), fmtRate(r.peer.append.emmettPerSec, 'evt')],
    ['peer readStream (Hearth / Emmett)', fmtMs(r.peer.readStream.hearthMs), fmtMs(r.peer.readStream.emmettMs), fmtRateRatio(r.peer.readStream.ratio), fmtRate(r.peer.readStream.hearthPerSec, 'stream'), fmtRate(r.peer.readStream.emmettPerSec, 'stream')],
    ['  Emmett on one kept connection: append', fmtMs(r.peer.oneConnection.append.hearthMs), fmtMs(r.peer.oneConnection.append.emmettMs), fmtRateRatio(r.peer.oneConnection.append.ratio), fmtRate(r.peer.oneConnection.append.hearthPerSec, 'evt'), fmtRate(r.peer.oneConnection.append.emmettPerSec, 'evt')],
    ['  Emmett on one kept connection: readStream', fmtMs(r.peer.oneConnection.readStream.hearthMs), fmtMs(r.peer.oneConnection.readStream.emmettMs), fmtRateRatio(r.peer.oneConnection.readStream.ratio), fmtRate(r.peer.oneConnection.readStream.hearthPerSec, 'stream'), fmtRate(r.peer.oneConnection.readStream.emmettPerSec, 'stream')],
    ['import, log in date order (net)', fmtMs(r.dateOrder.import.subject.netMs), fmtMs(r.dateOrder.import.baseline.netMs), fmtRatio(r.dateOrder.import.ratio), fmtRate(r.dateOrder.import.subject.commandsPerSec, 'cmd'), fmtRate(r.dateOrder.import.baseline.commandsPerSec, 'cmd')],
    ['  peak RSS', fmtMb(r.dateOrder.import.subject.memory.peakRssBytes), fmtMb(r.dateOrder.import.baseline.memory.peakRssBytes), '', '', ''],
    againstTheReadRow('catch-up, log in date order', r.dateOrder.catchUp),
    againstTheReadRow('rebuild --read-models, log in date order', r.dateOrder.rebuild),
    ['import, log in date order regrouped first (regroup + net import)', fmtMs(r.dateOrder.regrouped.regroupMs + (r.dateOrder.regrouped.import.subject.netMs ?? r.dateOrder.regrouped.import.subject.grossMs)), fmtMs(r.dateOrder.regrouped.import.baseline.netMs ?? r.dateOrder.regrouped.import.baseline.grossMs), fmtRatio(r.dateOrder.regrouped.ratio), `regroup ${fmtMs(r.dateOrder.regrouped.regroupMs)}`, ''],
  ];
  const head = [
    `Hearth bench: ${r.households.toLocaleString('en')} households (seed ${r.seed}), ${r.commands.toLocaleString('en')} commands, ${fmtMb(r.logBytes)} of log; median of ${r.rounds} interleaved runs per side; ${r.machine.cpus} CPUs, Node ${r.machine.node}.`,
    `Import: ${i.accepted.toLocaleString('en')} accepted, ${i.rejected.toLocaleString('en')} rejected; ${i.rows.toLocaleString('en')} event rows of ${i.rowBytes} bytes on average in ${i.transactions} transactions. Read models' largest table: ${r.reports.largestTable} (${r.reports.largestTableRows.toLocaleString('en')} rows). Verify: ${r.verify.streams.toLocaleString('en')} streams, ${r.verify.events.toLocaleString('en')} events, ${r.verify.anomalies} anomalies.`,
    `Append: ${r.append.commands.toLocaleString('en')} commands (${r.append.accepted.toLocaleString('en')} accepted, ${r.append.events.toLocaleString('en')} events). History: ${r.history.households.toLocaleString('en')} households × ${r.history.passes} passes (${r.history.events.toLocaleString('en')} events). Peer: Emmett ${r.peer.emmett.emmettSqlite} (emmett ${r.peer.emmett.emmett}, sqlite3 ${r.peer.emmett.sqlite3}; synchronous=${r.peer.emmett.synchronous}, journal ${r.peer.emmett.journalMode}, ${r.peer.emmett.connectionsPerAppend.toFixed(2)} connections opened per append), ${r.peer.streams} households, ${r.peer.events.toLocaleString('en')} events.`,
    '',
  ];
  const notes = ['', 'ratio = median(subject) / median(baseline): how many times its floor the subject costs (lower is better; 1 = at the floor) — except "× rate": a ratio of rates, subject / baseline (higher is better).', ...EXPLANATIONS.map(([k, v]) => `- ${k}: ${v}`)];
  return [...head, table(['benchmark', 'subject', 'baseline', 'ratio', 'subject rate', 'baseline rate'], rows), ...notes].join('\n');
};
