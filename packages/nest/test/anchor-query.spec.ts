import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { anchorDigest, checkSeal, type LogAnchor } from '@hearth/projections';
import { AnchorQuery } from '../src';
import { hearthApp, HearthApp, scratch } from './support/hearth-app';
import { fixedNow, identification } from './support/region';

const HEARTH_CLI = join(__dirname, '../../../apps/cli/bin/hearth.js');

describe('AnchorQuery', () => {
  const tmp = scratch();
  let hearth: HearthApp;
  beforeAll(async () => {
    hearth = await hearthApp({ store: tmp.store });
  });
  afterAll(async () => {
    await hearth.app.close();
    tmp.remove();
  });

  it("answers the anchor of the log now, at the module's clock, as `hearth anchor` states it", async () => {
    expect(await hearth.queries.execute(new AnchorQuery())).toMatchObject({ headPosition: 0, streams: 0, events: 0, heads: [] });
    await hearth.recordTree();
    await hearth.record(identification('hh-1'));
    await hearth.record(identification('hh-2'));
    const anchor = await hearth.queries.execute(new AnchorQuery());
    expect(anchor).toMatchObject({ anchor: 'hearth-log-anchor', madeAt: fixedNow(), headPosition: 9, streams: 3, events: 9 });
    expect(anchor.heads.map((h) => [h.streamId, h.version])).toEqual([['divisions', 0], ['household-hh-1', 3], ['household-hh-2', 3]]);
    expect(anchor.digest).toBe(anchorDigest(anchor));
    expect(checkSeal(anchor)).toEqual([]);
    expect(anchor.signature).toBeUndefined();
    const { stdout } = await promisify(execFile)(process.execPath, [HEARTH_CLI, '--store', tmp.store, 'anchor']);
    const cli = JSON.parse(stdout) as LogAnchor;
    expect({ ...cli, madeAt: '', digest: '' }).toEqual({ ...anchor, madeAt: '', digest: '' });
  });
});
