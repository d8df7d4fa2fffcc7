import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { householdStream, IdC } from '@hearth/domain';
import {
  isPersonalDataError,
  masterKeySource,
  openAccessLog,
  PersonalDataStore,
  personalDataPath,
  readMasterKeyFile,
  writeMasterKeyFile,
  type AccessLogEntry,
  type MasterKeySource,
} from '@hearth/personal-data';
import { cliActor } from '../cli-actor';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedger, storeUrl } from '../global-options';
import { emitJson, emitText } from '../output/emit';
import { renderTable } from '../output/table';

interface PersonalDataOptions {
  personalData?: string;
  masterKeyFile?: string;
  actor?: string;
}


/**
 * What an erasure or a re-keying says when another connection's snapshot kept the WAL from being emptied: the
 * deleted pages stay in it until the store is next used with no reader holding it (docs/decisions/0184).
 */
const WAL_NOT_EMPTIED =
  'The write-ahead log could not be emptied (another process is reading the file): it still holds the deleted pages until the store is next used, by any process, with no reader holding it, or closed by its last user.';

const LOCATION_HELP = `
The personal-data file: --personal-data sqlite:PATH, else $HEARTH_PERSONAL_DATA, else
personal-data.db beside the store's SQLite file. Its master key: --master-key-file FILE, else
$HEARTH_MASTER_KEY_FILE (a file of mode 0600 holding 64 hex digits), else $HEARTH_MASTER_KEY.
See docs/personal-data.md.`;

/** A store's refusal, for people: a bad key or file is a usage error (2), an erased household is "unknown" (4). */
const asCliError = (e: unknown): unknown => {
  if (!isPersonalDataError(e)) return e;
  const message = e.message;
  if (e.code === 'HOUSEHOLD_ERASED') return new CliError(message, EXIT.unknownTarget);
  return new CliError(message, EXIT.usage);
};

const guarded = async <T>(f: () => T | Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    throw asCliError(e);
  }
};

const filePath = (g: GlobalOptions, o: PersonalDataOptions): string => {
  const env = o.personalData !== undefined ? { ...process.env, HEARTH_PERSONAL_DATA: o.personalData } : process.env;
  try {
    return personalDataPath(storeUrl(g), env);
  } catch (e) {
    throw new CliError((e as Error).message.replace('HEARTH_PERSONAL_DATA', o.personalData !== undefined ? '--personal-data' : 'HEARTH_PERSONAL_DATA'), EXIT.usage);
  }
};

const keySource = (o: PersonalDataOptions): MasterKeySource =>
  o.masterKeyFile !== undefined ? { kind: 'file', path: o.masterKeyFile, read: () => readMasterKeyFile(o.masterKeyFile as string) } : masterKeySource(process.env);

/** Who the access log records: this group's --actor, else the ledger's (cli-actor.ts). */
const actorOf = (g: GlobalOptions, o: PersonalDataOptions): string => cliActor(o.actor ?? g.actor);

const openStore = (g: GlobalOptions, o: PersonalDataOptions, opts: { create: boolean }): PersonalDataStore => {
  const path = filePath(g, o);
  if (!opts.create && !existsSync(path)) throw new CliError(`no personal-data file at ${path} (see --personal-data)`, EXIT.usage);
  const key = keySource(o).read();
  try {
    return PersonalDataStore.open(path, key);
  } finally {
    key.fill(0);
  }
};

const logCommand = (globals: () => GlobalOptions, group: () => PersonalDataOptions): Command =>
  new Command('log')
    .option('--household <id>', "only this household's entries")
    .description('the access log of personal data (who, when, which household and member, why, what came of it), its hash chain verified')
    .addHelpText('after', `
Needs no master key: the log holds ids, actors and purposes, never a personal value.
--json prints {"verification": {"ok", "entries", "headHash", "firstBroken"?: {"seq", "reason"}},
"entries": [{"seq", "at", "actor", "action", "householdId"?, "memberId"?, "purpose", "outcome", "prevHash", "hash"}]}.
Exit codes: 0 the chain holds; 2 no such file; 5 the chain is broken (an entry was altered, inserted or deleted).
${LOCATION_HELP}`)
    .action(async (opts: { household?: string }) =>
      guarded(() => {
        const g = globals();
        if (opts.household !== undefined && !IdC.is(opts.household)) throw new CliError(`--household must be ${IdC.name}`, EXIT.usage);
        const path = filePath(g, group());
        if (!existsSync(path)) throw new CliError(`no personal-data file at ${path} (see --personal-data)`, EXIT.usage);
        const reader = openAccessLog(path);
        try {
          const verification = reader.verify();
          const entries = reader.entries(opts.household);
          if (g.json) emitJson({ verification, entries });
          else {
            emitText(renderTable(['seq', 'at (UTC)', 'actor', 'action', 'household', 'member', 'outcome', 'purpose'], entries.map((e: AccessLogEntry) => [e.seq, e.at.slice(0, 19), e.actor, e.action, e.householdId ?? '', e.memberId ?? '', e.outcome, e.purpose])));
            emitText(
              verification.ok
                ? `\nChain holds: ${verification.entries} entries, head ${verification.headHash}.`
                : `\nChain BROKEN at entry ${verification.firstBroken?.seq}: ${verification.firstBroken?.reason}. The ${verification.entries} entries before it hold.`,
            );
          }
          process.exitCode = verification.ok ? EXIT.ok : EXIT.anomalies;
        } finally {
          reader.close();
        }
      }),
    );

const eraseCommand = (globals: () => GlobalOptions, group: () => PersonalDataOptions): Command =>
  new Command('erase')
    .argument('<householdId>', 'the household whose personal data is to be erased')
    .requiredOption('--purpose <text>', 'why (recorded in the access log), e.g. "the household asked to be forgotten"')
    .description("crypto-shred a household's personal data: its key and records are deleted and zeroed; its history and every report stay as they are")
    .addHelpText('after', `
The household must exist in the ledger (--store). Idempotent: erasing again changes nothing.
--json prints {"householdId", "erasedAt", "membersErased", "alreadyErased", "walTruncated"}.
Exit codes: 0 erased (or already); 2 usage, no master key, wrong key; 4 unknown household.
${LOCATION_HELP}`)
    .action(async (householdId: string, opts: { purpose: string }) =>
      guarded(async () => {
        const g = globals();
        const o = group();
        if (!IdC.is(householdId)) throw new CliError(`household id must be ${IdC.name}`, EXIT.usage);
        const actor = actorOf(g, o);
        const ledger = await openLedger(g);
        try {
          if ((await ledger.store.readStream(householdStream(householdId))).length === 0) throw new CliError(`unknown household ${householdId}`, EXIT.unknownTarget);
        } finally {
          await ledger.close();
        }
        const store = openStore(g, o, { create: true });
        try {
          const receipt = store.eraseHousehold(householdId, { actor, purpose: opts.purpose });
          if (g.json) emitJson(receipt);
          else if (receipt.alreadyErased) emitText(`Household ${householdId} was already erased on ${receipt.erasedAt}; nothing changed.`);
          else
            emitText(
              `Erased household ${householdId}: ${receipt.membersErased} member record(s) and its key shredded on ${receipt.erasedAt}.` +
                (receipt.walTruncated ? '' : `\n${WAL_NOT_EMPTIED}`),
            );
        } finally {
          store.close();
        }
      }),
    );

const rotateCommand = (globals: () => GlobalOptions, group: () => PersonalDataOptions): Command =>
  new Command('rotate-master-key')
    .option('--new-key-file <file>', 'take the new key from this file (64 hex digits, mode 0600); default: a new random key')
    .option('--purpose <text>', 'why (recorded in the access log)', 'master key rotation')
    .description('re-wrap every household key under a new master key, in one transaction, on a live store')
    .addHelpText('after', `
With the key in a file ($HEARTH_MASTER_KEY_FILE or --master-key-file), the new key is first
staged beside it (FILE.next), the store re-keyed, then FILE replaced: a service running on the
store follows on its next request, with no restart. With $HEARTH_MASTER_KEY, pass
--new-key-file, then restart the service with the new key. Destroy the old key once no
backup taken under it must stay readable.
--json prints {"householdKeys", "walTruncated", "keyFile"?}.
Exit codes: 0 rotated; 2 usage, no master key, wrong key (nothing changed).
${LOCATION_HELP}`)
    .action(async (opts: { newKeyFile?: string; purpose: string }) =>
      guarded(() => {
        const g = globals();
        const o = group();
        const source = keySource(o);
        const actor = actorOf(g, o);
        if (source.kind === 'env' && opts.newKeyFile === undefined)
          throw new CliError('the key in HEARTH_MASTER_KEY cannot be replaced by this command: pass --new-key-file FILE holding the new key, then restart the service with it', EXIT.usage);
        const newKey = opts.newKeyFile !== undefined ? readMasterKeyFile(opts.newKeyFile) : randomBytes(32);
        const store = openStore(g, o, { create: false });
        // The new key is on disk before the store depends on it: a crash between the two loses nothing.
        const staged = source.kind === 'file' ? `${source.path}.next` : undefined;
        try {
          if (staged !== undefined) {
            mkdirSync(dirname(staged), { recursive: true });
            writeMasterKeyFile(staged, newKey);
          }
          let result: { householdKeys: number; walTruncated: boolean };
          try {
            result = store.rotateMasterKey(newKey, { actor, purpose: opts.purpose });
          } catch (e) {
            if (staged !== undefined) rmSync(staged, { force: true });
            throw e;
          }
          if (staged !== undefined && source.kind === 'file') renameSync(staged, source.path);
          if (g.json) emitJson({ householdKeys: result.householdKeys, walTruncated: result.walTruncated, ...(source.kind === 'file' ? { keyFile: source.path } : {}) });
          else
            emitText(
              `Re-wrapped ${result.householdKeys} household key(s) under the new master key.` +
                (source.kind === 'file' ? ` ${source.path} now holds it; a running service follows on its next request.` : ' Restart the service with the new key.') +
                (result.walTruncated ? '' : `\n${WAL_NOT_EMPTIED}`),
            );
        } finally {
          newKey.fill(0);
          store.close();
        }
      }),
    );

/** `hearth personal-data …`: the auditor's access log, erasure, and master-key rotation (docs/personal-data.md). */
export const personalDataCommand = (globals: () => GlobalOptions): Command => {
  const group = new Command('personal-data')
    .description("members' personal data, kept apart from the ledger: its access log, erasure and master-key rotation")
    .option('--personal-data <url>', 'sqlite:PATH of the personal-data file (default: $HEARTH_PERSONAL_DATA, else personal-data.db beside the store)')
    .option('--master-key-file <file>', 'the master key file (default: $HEARTH_MASTER_KEY_FILE, else $HEARTH_MASTER_KEY)')
    .option('--actor <name>', 'who the access log records (default: hearth --actor, else $HEARTH_ACTOR, else cli:<your user name>)')
    .addHelpText('after', LOCATION_HELP);
  const options = (): PersonalDataOptions => group.opts<PersonalDataOptions>();
  group.addCommand(logCommand(globals, options));
  group.addCommand(eraseCommand(globals, options));
  group.addCommand(rotateCommand(globals, options));
  return group;
};
