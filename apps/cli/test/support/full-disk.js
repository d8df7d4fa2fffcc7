// Test-only preload (node --require): every SQLite database the CLI opens may grow by
// at most HEARTH_TEST_SPARE_PAGES pages, as if the disk filled up during the command.
// It replaces better-sqlite3's export in the module cache before the store loads it,
// so no production code knows about it.
const Database = require('better-sqlite3');
const spare = Number(process.env.HEARTH_TEST_SPARE_PAGES ?? '0');
class FullDiskDatabase extends Database {
  constructor(...args) {
    super(...args);
    if (!this.memory) this.pragma(`max_page_count = ${this.pragma('page_count', { simple: true }) + spare}`);
  }
}
require.cache[require.resolve('better-sqlite3')].exports = FullDiskDatabase;
