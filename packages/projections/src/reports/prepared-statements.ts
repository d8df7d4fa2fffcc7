import type Database from 'better-sqlite3';

/**
 * Statements prepared once per SQL text and kept: SQLite re-prepares a statement by
 * itself when a rebuild has dropped and recreated the tables it reads.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Database.Statement<P, R>;
  }
}
