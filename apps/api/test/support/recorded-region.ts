import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { createApp } from '../../src/app';
import type { TokenEntry } from '../../src/auth/token-entry';

export interface RegionToServe {
  /** The division tree, recorded on `treeOn` before the service starts. */
  readonly divisions: readonly object[];
  readonly treeOn: string;
  readonly tokens: readonly TokenEntry[];
  /** Recorded through `POST /api/commands/batch` with `writerToken`: a refusal stops the set-up. */
  readonly commands: readonly object[];
  readonly writerToken: string;
  /** The temporary folder's name begins with it. */
  readonly folderPrefix: string;
}

export interface RecordedRegion {
  readonly origin: string;
  /** The SQLite file (a test may edit it behind the app's back). */
  readonly storePath: string;
  close(): Promise<void>;
}

/** The real app (createApp) on a fresh SQLite file holding a division tree and commands recorded through its own API. */
export const serveRecordedRegion = async (region: RegionToServe): Promise<RecordedRegion> => {
  const dir = mkdtempSync(join(tmpdir(), region.folderPrefix));
  const storePath = join(dir, 'hearth.db');
  const store = `sqlite:${storePath}`;
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  const recorded = await ledger.recordDivisionTree(region.divisions, region.treeOn);
  await ledger.close();
  if (recorded._tag === 'Left') throw new Error(JSON.stringify(recorded.left));
  const app: INestApplication = await createApp({ store, tokens: [...region.tokens], logger: false });
  await app.listen(0, '127.0.0.1');
  const origin = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const res = await fetch(`${origin}/api/commands/batch`, {
    method: 'POST', headers: { authorization: `Bearer ${region.writerToken}`, 'content-type': 'application/json' }, body: JSON.stringify(region.commands),
  });
  const text = await res.text();
  const refused = res.status === 200 ? (JSON.parse(text) as { status: number }[]).filter((r) => r.status >= 300) : [];
  if (res.status !== 200 || refused.length > 0) {
    await close();
    throw new Error(`the region's commands were not all recorded: ${res.status} ${res.status === 200 ? JSON.stringify(refused.slice(0, 3)) : text}`);
  }
  return { origin, storePath, close };
};
