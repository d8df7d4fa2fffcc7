import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { hasAtMostCharacters, IdC } from '@hearth/domain';
import { canonicalJson } from '@hearth/event-store';
import { PersonalDataError } from './errors';

export type AccessAction = 'read' | 'write' | 'erase' | 'rotate';

/**
 * What came of the access: a read `found` a record, found it `absent`, or was refused
 * because the household was `erased`; a write `written`; an erasure `erased` (or
 * `already-erased`, or `absent` for a member without a record); a rotation `rotated`.
 */
export type AccessOutcome = 'found' | 'absent' | 'erased' | 'already-erased' | 'written' | 'rotated';

/** Who accesses and why: every call on the store names both, and both go into the log. */
export interface Access {
  /** The person or token acting: a ledger id (a token's name, `cli:USER`). */
  readonly actor: string;
  /** Why, in words an auditor can check against the programme's rules; never a personal value. */
  readonly purpose: string;
}

export interface AccessLogEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: AccessAction;
  readonly householdId?: string;
  readonly memberId?: string;
  readonly purpose: string;
  readonly outcome: AccessOutcome;
  /** SHA-256 (hex) of the entry before (64 zeros for the first). */
  readonly prevHash: string;
  /** SHA-256 (hex) of `prevHash` and this entry's canonical JSON. */
  readonly hash: string;
}

export interface AccessLogVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The last entry's hash: kept elsewhere, it also exposes a cut-off tail. */
  readonly headHash: string;
  /** The first entry whose position or hash does not follow from the ones before. */
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}

export const GENESIS_HASH = '0'.repeat(64);
export const MAX_PURPOSE = 200;

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: AccessAction;
  household_id: string | null;
  member_id: string | null;
  purpose: string;
  outcome: AccessOutcome;
  prev_hash: string;
  hash: string;
}

const entryOf = (r: Row): AccessLogEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  ...(r.household_id !== null ? { householdId: r.household_id } : {}),
  ...(r.member_id !== null ? { memberId: r.member_id } : {}),
  purpose: r.purpose,
  outcome: r.outcome,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The one definition of an entry's hash: the appender and the verifier both call it. */
export const entryHash = (prevHash: string, e: Omit<AccessLogEntry, 'hash' | 'prevHash'>): string =>
  createHash('sha256')
    .update(`${prevHash}\n`)
    .update(canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, householdId: e.householdId, memberId: e.memberId, purpose: e.purpose, outcome: e.outcome }))
    .digest('hex');

/** Checks an access before anything is done: a missing purpose is refused, naming the field. */
export const validateAccess = (access: Access): Access => {
  if (typeof access !== 'object' || access === null) throw new PersonalDataError('INVALID_ACCESS', 'say who accesses and why ({actor, purpose})', 'access');
  if (!IdC.is(access.actor)) throw new PersonalDataError('INVALID_ACCESS', `actor must be ${IdC.name}`, 'actor');
  const purpose = typeof access.purpose === 'string' ? access.purpose.trim() : '';
  if (purpose === '') throw new PersonalDataError('PURPOSE_REQUIRED', 'say why personal data is accessed (purpose)', 'purpose');
  // Control characters would let a purpose forge what looks like another line of the log.
  if (!hasAtMostCharacters(purpose, MAX_PURPOSE) || /[\u0000-\u001f\u007f]/.test(purpose))
    throw new PersonalDataError('INVALID_ACCESS', `purpose must be at most ${MAX_PURPOSE} characters, without control characters`, 'purpose');
  return { actor: access.actor, purpose };
};

/**
 * The access log inside the personal-data file. `append` must run inside the caller's
 * write transaction (BEGIN IMMEDIATE), so the chain's head cannot move between reading
 * it and writing after it, whichever process (service or CLI) appends.
 */
export class AccessLog {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      head: db.prepare<[], { seq: number; hash: string }>(`SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1`),
      insert: db.prepare(
        `INSERT INTO access_log (seq, at, actor, action, household_id, member_id, purpose, outcome, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @household_id, @member_id, @purpose, @outcome, @prev_hash, @hash)`,
      ),
      all: db.prepare<[], Row>(`SELECT * FROM access_log ORDER BY seq`),
      ofHousehold: db.prepare<[string], Row>(`SELECT * FROM access_log WHERE household_id = ? ORDER BY seq`),
    };
  }

  append(at: string, access: Access, action: AccessAction, outcome: AccessOutcome, householdId?: string, memberId?: string): AccessLogEntry {
    const head = this.sql.head.get();
    const prevHash = head?.hash ?? GENESIS_HASH;
    const body = { seq: (head?.seq ?? 0) + 1, at, actor: access.actor, action, ...(householdId !== undefined ? { householdId } : {}), ...(memberId !== undefined ? { memberId } : {}), purpose: access.purpose, outcome };
    const hash = entryHash(prevHash, body);
    this.sql.insert.run({ seq: body.seq, at, actor: access.actor, action, household_id: householdId ?? null, member_id: memberId ?? null, purpose: access.purpose, outcome, prev_hash: prevHash, hash });
    return { ...body, prevHash, hash };
  }

  entries(householdId?: string): AccessLogEntry[] {
    return (householdId === undefined ? this.sql.all.all() : this.sql.ofHousehold.all(householdId)).map(entryOf);
  }

  /** Recomputes the whole chain: an edited, inserted or deleted entry breaks it where it happened. */
  verify(): AccessLogVerification {
    let prevHash = GENESIS_HASH;
    let count = 0;
    for (const row of this.sql.all.iterate()) {
      const e = entryOf(row);
      const broken = (reason: string): AccessLogVerification => ({ ok: false, entries: count, headHash: prevHash, firstBroken: { seq: e.seq, reason } });
      if (e.seq !== count + 1) return broken(`entry ${count + 1} is missing (the next one is ${e.seq})`);
      if (e.prevHash !== prevHash) return broken('it does not name the hash of the entry before it');
      if (entryHash(prevHash, e) !== e.hash) return broken('its content does not match its hash (the entry was altered)');
      prevHash = e.hash;
      count += 1;
    }
    return { ok: true, entries: count, headHash: prevHash };
  }
}
