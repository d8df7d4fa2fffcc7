import type Database from 'better-sqlite3';

/** Every projection table's rows, in key order, as one string: equal dumps mean equal read models. */
export const dumpReadModels = (db: Database.Database): string => {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'proj\\_%' ESCAPE '\\' ORDER BY name")
    .all()
    .map((t) => t.name);
  return JSON.stringify(
    tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]),
  );
};
