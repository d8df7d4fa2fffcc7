import { sqliteStorePath } from './sqlite-store-path';

describe('sqliteStorePath', () => {
  it('names the file of a sqlite: URL, relative or absolute, and nothing for another store', () => {
    expect(sqliteStorePath('sqlite:./data/hearth.db')).toBe('./data/hearth.db');
    expect(sqliteStorePath('sqlite:///var/lib/hearth.db')).toBe('/var/lib/hearth.db');
    expect(sqliteStorePath('sqlite:/srv/h/hearth.db')).toBe('/srv/h/hearth.db');
    expect(sqliteStorePath('sqlite::memory:')).toBe(':memory:');
    expect(sqliteStorePath('sqlite:')).toBe('');
    expect(sqliteStorePath('memory:')).toBeUndefined();
    expect(sqliteStorePath('esdb://localhost:2113')).toBeUndefined();
    expect(sqliteStorePath('kurrentdb://localhost:2113?tls=false')).toBeUndefined();
  });
});
