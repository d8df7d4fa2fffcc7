import Database from 'better-sqlite3';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { DIVISION_TREE_EVENT_TYPES, referencePolicy } from '@hearth/domain';
import { openProjections } from '@hearth/projections';
import { generateDivisions, generateHouseholdCommands } from '@hearth/simulator';
import { importCommands, Ledger } from '@hearth/ledger';
import { tempDir } from './support/cli';

/**
 * domain.md §1.4: events and read models hold pseudonymous ids, dates, codes and amounts —
 * never a name, identity document, phone number, address, ethnicity, religion or political
 * attribute. The codecs reject unknown fields, so the stored vocabulary is closed; this
 * checks that vocabulary itself, as it lands in a real store and its read-model tables.
 */
const FORBIDDEN = /ethnic|religio|nationality|politic|passport|id.?card|id.?number|identity|phone|mobile|address|e.?mail|surname|first.?name|last.?name|full.?name|birth.?date|date.?of.?birth/i;

const keysOf = (value: unknown, into: Set<string>): Set<string> => {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  return into;
};

describe('data minimisation (domain.md §1.4)', () => {
  it('no stored event field, metadata field or read-model column names personal or sensitive data', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const region = { households: 150, seed: 4 };
      const file = join(dir, 'log.jsonl');
      writeFileSync(file, Array.from({ length: region.households }, (_, i) => generateHouseholdCommands(region, i).map((c) => JSON.stringify(c)).join('\n')).join('\n'));
      const path = join(dir, 'hearth.db');
      // A small part size, so that the tree is recorded in parts (DivisionTreePartRecorded) and their fields are checked too.
      const ledger = await Ledger.open({ storeUrl: `sqlite:${path}`, policy: referencePolicy, divisionTreePartBytes: 4096 });
      await ledger.recordDivisionTree(generateDivisions(region), '2016-01-01');
      await importCommands(ledger, { source: file });
      const projections = openProjections(ledger.store, { policy: referencePolicy, divisions: ledger.divisions! });
      await projections.runner.catchUp();
      await projections.close();
      await ledger.close();

      const db = new Database(path, { readonly: true });
      const rows = db.prepare('SELECT type, data, metadata FROM events').all() as { type: string; data: string; metadata: string }[];
      const eventKeys = new Set<string>();
      const divisionTreeTypesSeen = new Set<string>();
      const divisionTreeTypes: readonly string[] = DIVISION_TREE_EVENT_TYPES;
      for (const r of rows) {
        // Division names are place names, the one free-text name the ledger holds; `successors` is keyed by division codes.
        const data = JSON.parse(r.data) as Record<string, unknown>;
        if (divisionTreeTypes.includes(r.type)) {
          divisionTreeTypesSeen.add(r.type);
          keysOf({ ...data, successors: {} }, eventKeys);
        } else keysOf(data, eventKeys);
        keysOf(JSON.parse(r.metadata), eventKeys);
      }
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const columns = tables.flatMap((t) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).map((c) => `${t}.${c}`));
      db.close();

      expect(rows.length).toBeGreaterThan(3000);
      expect([...divisionTreeTypesSeen]).toEqual(['DivisionTreePartRecorded']);
      expect(eventKeys.size).toBeGreaterThan(40); // the vocabulary really was collected
      expect(columns.length).toBeGreaterThan(20);
      expect([...eventKeys].filter((k) => FORBIDDEN.test(k))).toEqual([]);
      expect(columns.filter((c) => FORBIDDEN.test(c))).toEqual([]);
    } finally {
      cleanup();
    }
  }, 120_000);
});
