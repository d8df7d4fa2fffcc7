import Database from 'better-sqlite3';

export interface DumpedEvent {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly occurredOn: string;
  readonly hash: string;
}

/** The store's content, minus what legitimately differs between runs (event ids, recording times, positions). */
export const storeDump = (path: string): DumpedEvent[] => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT stream_id, version, type, data, metadata FROM events ORDER BY stream_id, version').all() as {
      stream_id: string; version: number; type: string; data: string; metadata: string;
    }[]).map((r) => {
      const m = JSON.parse(r.metadata) as { occurredOn: string; hash: string };
      return { streamId: r.stream_id, version: r.version, type: r.type, data: JSON.parse(r.data), occurredOn: m.occurredOn, hash: m.hash };
    });
  } finally {
    db.close();
  }
};
