import { parseLoadArgs } from './load-args';
import { runLoadBenchmark, type LoadReport } from './load-bench';
import { quantile, summarise } from './latency';
import { loadRunHealthy, renderLoadReport } from './render-load';

// The real service and the real `hearth verify` on a tiny, brief run: correctness under
// concurrency (no error, every append accounted for, a clean log), never speed.
jest.setTimeout(180_000);

describe('load benchmark', () => {
  it('concurrent clients against the real service: no error, every reported append in the log, a clean stop, verify exit 0', async () => {
    const r: LoadReport = await runLoadBenchmark({ clients: 3, households: 4, seconds: 2 });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors).toBe(0);
    expect(r.errorsByKind).toEqual({});
    expect(r.accepted).toBe(r.requests);
    expect(r.eventsAppended).toBeGreaterThanOrEqual(r.accepted); // every command appends at least one event
    expect(r.head).toBe(r.expectedHead); // nothing lost, nothing extra
    expect(r.serviceExitCode).toBe(0);
    expect(r.verify).toMatchObject({ exitCode: 0, anomalies: 0, notices: 0, streams: 4 + 1, events: r.head });
    expect(r.latency.count).toBe(r.requests);
    expect(r.latency.p50Ms as number).toBeLessThanOrEqual(r.latency.p99Ms as number);
    expect(loadRunHealthy(r)).toBe(true);
    const text = renderLoadReport(r);
    for (const word of ['requests', 'latency p50', 'latency p99', 'errors', 'hearth verify']) expect(text).toContain(word);
  });

  it('nearest-rank quantiles pick measured values', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.99)).toBe(7);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.5)).toBe(50);
    expect(quantile(hundred, 0.99)).toBe(99);
    expect(summarise([3, 1, 2])).toEqual({ count: 3, p50Ms: 2, p99Ms: 3, maxMs: 3 });
  });

  it('a run with an error, a lost append or a dirty log is not healthy', () => {
    const clean = {
      clients: 1, households: 1, seconds: 1, requests: 1, accepted: 1, requestsPerSec: 1, eventsAppended: 1,
      latency: summarise([1]), errors: 0, errorsByKind: {}, head: 4, expectedHead: 4, serviceExitCode: 0,
      verify: { exitCode: 0, streams: 2, events: 4, anomalies: 0, notices: 0 },
    } satisfies LoadReport;
    expect(loadRunHealthy(clean)).toBe(true);
    expect(loadRunHealthy({ ...clean, errors: 1, errorsByKind: { 'HTTP 500 INTERNAL': 1 } })).toBe(false);
    expect(loadRunHealthy({ ...clean, head: 3 })).toBe(false);
    expect(loadRunHealthy({ ...clean, serviceExitCode: 1 })).toBe(false);
    expect(loadRunHealthy({ ...clean, verify: { ...clean.verify, exitCode: 5, anomalies: 1 } })).toBe(false);
  });

  it('arguments: small defaults, bounds checked', () => {
    expect(parseLoadArgs([])).toEqual({ clients: 8, households: 100, seconds: 10, json: false, keep: false });
    expect(parseLoadArgs(['--clients', '32', '--households', '500', '--seconds', '60', '--json'])).toMatchObject({ clients: 32, households: 500, seconds: 60, json: true });
    expect(() => parseLoadArgs(['--clients', '0'])).toThrow(/--clients must be an integer from 1/);
    expect(() => parseLoadArgs(['--bogus'])).toThrow(/unknown argument --bogus/);
  });
});
