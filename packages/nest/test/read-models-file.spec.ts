import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ClearanceReportQuery } from '../src';
import { hearthApp } from './support/hearth-app';
import { identification } from './support/region';

describe('HearthModule with readModels (HEARTH_READ_MODELS): the read models in a file of their own', () => {
  it('keeps and reads them in that file, which ends at the head of the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-nest-read-models-'));
    const file = join(dir, 'read-models.db');
    try {
      const hearth = await hearthApp({ store: 'memory:', readModels: `sqlite:${file}` });
      let figures: unknown;
      try {
        await hearth.recordTree();
        await hearth.record(identification('hh-1'));
        figures = await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }));
        expect(figures).toMatchObject({ division: expect.any(String) });
      } finally {
        await hearth.app.close();
      }
      const db = new Database(file, { readonly: true });
      try {
        const positions = db.prepare('SELECT position FROM projection_checkpoints').pluck().all() as number[];
        expect(positions.length).toBeGreaterThan(0);
        expect(new Set(positions).size).toBe(1);
        expect(positions[0]).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
