import Database from 'better-sqlite3';

export interface DumpedEvent {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly occurredOn: string;
  readonly actor: string;
  readonly note: string | null;
  readonly commandId: string | null;
}

/**
 * The store's content, minus what legitimately differs between runs: event ids, recording
 * times and positions, and so the hashes too (hash format 2 covers ids and recording
 * times); `hearth verify` checks the chains.
 */
export const storeDump = (path: string): DumpedEvent[] => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT stream_id, version, type, data, metadata FROM events ORDER BY stream_id, version').all() as {
      stream_id: string; version: number; type: string; data: string; metadata: string;
    }[]).map((r) => {
      const m = JSON.parse(r.metadata) as { occurredOn: string; actor: string; note?: string; commandId?: string };
      return {
        streamId: r.stream_id, version: r.version, type: r.type, data: JSON.parse(r.data),
        occurredOn: m.occurredOn, actor: m.actor, note: m.note ?? null, commandId: m.commandId ?? null,
      };
    });
  } finally {
    db.close();
  }
};
