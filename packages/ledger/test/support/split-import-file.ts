import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { referencePolicy } from '@hearth/domain';
import { householdCommands } from '@hearth/domain/testing';
import { Ledger } from '../../src';
import { partOfValue } from '../../src/import/import-part';

/** The tree the domain's command arbitraries name (V1, V2, and T1, X9 that are no village). */
export const ARBITRARY_TREE = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: 'C1', name: 'County', parentCode: 'P1', level: 'county' },
  { code: 'T1', name: 'Township', parentCode: 'C1', level: 'township' },
  { code: 'V1', name: 'Village one', parentCode: 'T1', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'T1', level: 'village' },
];

/** Lines that name no household, each of another kind: a split import gives them all to part 1. */
export const UNPARSABLE = ['{not json', '[1,2,3]', '{"type":"RegisterHousehold","on":"2016-01-10"}', '{"householdId":42,"type":"AddMember"}', '"just a string"'];

/**
 * A command log of `households` households (the domain's arbitrary of realistic household
 * histories: registrations, surveys, trainings, jobs and incomes, re-sends, backdated and
 * refused commands), drawn with a fixed seed, their lines interleaved round-robin so that
 * every batch holds several households of every part; UNPARSABLE lines and blank lines
 * are put in among them. Commands keep the commandIds the arbitrary gave them or have none
 * (then derived from the file's line number).
 */
export const splitImportLines = (households: number, seed: number): string[] => {
  const logs = Array.from({ length: households }, (_, i) => {
    const householdId = `hh-${String(i + 1).padStart(3, '0')}`;
    const [commands] = fc.sample(householdCommands({ householdId, minSteps: 2, maxSteps: 10 }), { seed: seed + i, numRuns: 1 });
    return (commands ?? []).map((c) => JSON.stringify(c));
  });
  const lines: string[] = [];
  for (let round = 0; logs.some((l) => l.length > round); round++) {
    for (const log of logs) if (log[round] !== undefined) lines.push(log[round] as string);
    if (round % 3 === 1) lines.push(UNPARSABLE[(round >> 1) % UNPARSABLE.length] as string);
    if (round % 4 === 2) lines.push('');
  }
  return [UNPARSABLE[0] as string, ...lines, '   ', ...UNPARSABLE];
};

export const writeLines = (file: string, lines: readonly string[]): void => writeFileSync(file, `${lines.join('\n')}\n`);

export const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The part a line is decided in, as the rule reads it from what JSON.parse makes of the line (partOfValue); a line that is not JSON is part 1's. */
export const partOfLine = (text: string, count: number): number => {
  try {
    return partOfValue(JSON.parse(text), count);
  } catch {
    return 1;
  }
};

/** The file's line numbers (1-based) that are not blank and belong to `part` of `count`. */
export const linesOfPart = (lines: readonly string[], part: number, count: number): number[] =>
  lines.flatMap((text, i) => (text.trim() !== '' && partOfLine(text, count) === part ? [i + 1] : []));

/** A fixed clock: a store imported into at another time decides the same. */
export const FIXED_NOW = () => '2030-06-01T10:00:00.000Z';

export const openLedger = async (path: string, withTree = true): Promise<Ledger> => {
  const ledger = await Ledger.open({ storeUrl: `sqlite:${path}`, policy: referencePolicy, now: FIXED_NOW });
  if (withTree) await ledger.recordDivisionTree(ARBITRARY_TREE, '2014-01-01');
  return ledger;
};

/**
 * Every household event as the import decided it, in stream and version order: not its
 * eventId, hash, position or recordedAt, which differ between two stores of the same log.
 */
export const householdEvents = async (ledger: Ledger) =>
  (await ledger.store.readAll())
    .filter((e) => e.streamId.startsWith('household-'))
    .map((e) => ({ streamId: e.streamId, version: e.streamVersion, type: e.type, data: e.data, occurredOn: e.metadata.occurredOn, commandId: e.metadata.commandId }))
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version));

/** What a refused run must leave as it found it. */
export const storeMark = async (ledger: Ledger) => ({ head: await ledger.store.headPosition(), events: (await ledger.store.readAll()).length });
