import type { LoadReport } from './load-bench';

const ms = (x: number | null): string => (x === null ? '—' : `${x.toFixed(1)} ms`);
const n = (x: number): string => Math.round(x).toLocaleString('en');

/** The load run as a table, with the checks that must hold under it. */
export const renderLoadReport = (r: LoadReport): string => {
  const rows: string[][] = [
    ['requests', n(r.requests), `${r.requestsPerSec.toFixed(1)} /s`],
    ['accepted (201)', n(r.accepted), ''],
    ['events appended', n(r.eventsAppended), `${(r.eventsAppended / r.seconds).toFixed(1)} /s`],
    ['latency p50', ms(r.latency.p50Ms), ''],
    ['latency p99', ms(r.latency.p99Ms), `max ${ms(r.latency.maxMs)}`],
    ['errors', n(r.errors), r.errors === 0 ? 'none, as expected' : Object.entries(r.errorsByKind).map(([k, c]) => `${k}: ${c}`).join('; ')],
    ['log head', n(r.head), r.head === r.expectedHead ? 'every reported append is in the log, nothing else' : `EXPECTED ${n(r.expectedHead)}`],
    ['service exit', String(r.serviceExitCode), r.serviceExitCode === 0 ? 'clean SIGTERM' : 'NOT A CLEAN STOP'],
    ['hearth verify', `exit ${r.verify.exitCode}`, `${n(r.verify.streams)} streams, ${n(r.verify.events)} events, ${r.verify.anomalies} anomalies, ${n(r.verify.notices)} notices`],
  ];
  return [
    `load: ${r.clients} clients (one request in flight each) → POST /api/commands for ${r.households.toLocaleString('en')} households, ${r.seconds.toFixed(1)} s over loopback (the real service on SQLite)`,
    '',
    ...rows.map(([what, value, note]) => `${(what as string).padEnd(16)} ${(value as string).padStart(10)}  ${note}`.trimEnd()),
  ].join('\n');
};

/** True when the run shows what a correct service must: no error, every append accounted for, a clean stop and a clean log. */
export const loadRunHealthy = (r: LoadReport): boolean =>
  r.errors === 0 && r.head === r.expectedHead && r.serviceExitCode === 0 && r.verify.exitCode === 0 && r.verify.anomalies === 0;
