/**
 * Runs `verifyLog` alone on the store `verify-only.ts` built (for `node --cpu-prof`):
 *
 *   node --cpu-prof --import tsx apps/bench/src/verify-profile.ts DIR [ROUNDS]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { verifyLog } from '@hearth/projections';

const main = async (): Promise<void> => {
  const dir = process.argv[2] ?? '';
  const rounds = Number(process.argv[3] ?? '2');
  const saved = JSON.parse(readFileSync(join(dir, 'verify-region.json'), 'utf8')) as { divisionsFile: string };
  const tree = buildDivisionTree(JSON.parse(readFileSync(saved.divisionsFile, 'utf8')) as unknown);
  if (E.isLeft(tree)) throw new Error('invalid division tree');
  const store = SqliteEventStore.open(join(dir, 'verify-store.db'), { pollIntervalMs: 60_000 });
  const ctx = { policy: referencePolicy, divisions: tree.right, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' };
  for (let i = 0; i < rounds; i++) {
    const t0 = process.cpuUsage();
    const v = await verifyLog(store, ctx, { contiguousPositions: true, pageSize: 5000 });
    const t = process.cpuUsage(t0);
    process.stdout.write(`${JSON.stringify({ cpuMs: Math.round((t.user + t.system) / 1000), streams: v.streams, events: v.events, anomalies: v.anomalies.length, notices: v.notices.length })}\n`);
  }
  await store.close();
};

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
