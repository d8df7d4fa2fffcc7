import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  eligibleMembers, type Fact, fold, type HouseholdCommand, householdStream, isEmployed, type Policy, referencePolicy, stateAsOf,
} from '@hearth/domain';
import { householdEventCodec, type RecordedEvent } from '@hearth/event-store';
import { Ledger } from '../../src';
import { oneVillage } from './one-village';

/*
 * One household, hh-audit, keyed by caseworkers through the ledger at chosen recording times,
 * for the hand-worked audit of its history (hand-worked-history-*.spec.ts). The expected
 * answers in those specs are worked out by hand from domain.md and the decisions, not from
 * this file: it only writes the log and asks the two layers (the domain's fold over the
 * stored stream, and the real `hearth` executable).
 *
 * Members: a (born 1980) and b (born 1985), both of working age throughout 2016.
 */
export const HH = 'hh-audit';

/** A thirty-day back-dating allowance (decision 117), so that a survey keyed late is accepted. */
export const policy: Policy = { ...referencePolicy, backdatingAllowanceDays: 30 };

/** The same policy as the CLI reads it (`--policy FILE`: shares as decimals, decision 143). */
const policyFile = {
  baselineCutoff: '2016-07-31', targetShares: { 2016: 0.25, 2017: 0.3, 2018: 0.2, 2019: 0.15, 2020: 0.1 }, backdatingAllowanceDays: 30,
};

const surveyed = (memberId: string, laborCapacity: 'full' | 'partial' | 'none', wantsWork: boolean) => ({
  memberId, health: 'healthy', laborCapacity, education: 'primary', skills: [], languages: [], wantsWork,
  preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
});

const LI = 'cw-li';
const ZHAO = 'cw-zhao';
const WANG = 'supervisor-wang';

/** The stored event a correction names, found by its type and business date. */
type Target = readonly [type: string, occurredOn: string];

interface Sitting {
  readonly at: string;
  readonly command: object;
  readonly corrects?: Target;
}

const cmd = (type: string, on: string, actor: string, fields: object = {}) => ({ type, householdId: HH, on, actor, ...fields });

/** In recording order: the order the log holds them in. */
export const SITTINGS: readonly Sitting[] = [
  { at: '2016-01-10T09:00:00.000Z', command: cmd('RegisterHousehold', '2016-01-10', LI, { divisionCode: 'V1', members: [{ memberId: 'a', birthYear: 1980 }, { memberId: 'b', birthYear: 1985 }] }) },
  { at: '2016-02-10T09:00:00.000Z', command: cmd('SurveyHousehold', '2016-02-10', LI, { householdSize: 2, povertyCauses: ['lack-of-skills'], members: [surveyed('a', 'full', true), surveyed('b', 'none', false)] }) },
  { at: '2016-02-20T09:00:00.000Z', command: cmd('ApplyForIdentification', '2016-02-20', LI) },
  { at: '2016-03-01T09:00:00.000Z', command: cmd('IdentifyHousehold', '2016-03-01', LI) },
  { at: '2016-03-05T09:00:00.000Z', command: cmd('OfferTraining', '2016-03-05', LI, { trainingId: 't1', memberId: 'a', kind: 'vocational', title: 'Welding', provider: 'County school' }) },
  { at: '2016-03-08T09:00:00.000Z', command: cmd('AcceptTraining', '2016-03-08', LI, { trainingId: 't1' }) },
  { at: '2016-03-15T09:00:00.000Z', command: cmd('ReferToJob', '2016-03-15', LI, { referralId: 'r1', memberId: 'a', employer: 'Brickworks', position: 'Welder', place: 'local', form: 'enterprise', offeredMonthlyWage: 2000 }) },
  { at: '2016-03-20T09:00:00.000Z', command: cmd('AcceptReferral', '2016-03-20', LI, { referralId: 'r1' }) },
  // Keyed the day after the acceptance, two days behind it: within the allowance, no status change.
  { at: '2016-03-21T09:00:00.000Z', command: cmd('SurveyHousehold', '2016-03-18', ZHAO, { note: 'second visit, keyed late', householdSize: 2, povertyCauses: ['lack-of-skills'], members: [surveyed('a', 'full', true), surveyed('b', 'partial', false)] }) },
  { at: '2016-04-01T09:00:00.000Z', command: cmd('RecordEmployment', '2016-04-01', LI, { employmentId: 'e1', memberId: 'a', form: 'enterprise', place: 'local', employer: 'Brickworks', monthlyIncome: 2000, referralId: 'r1', contractSigned: true }) },
  { at: '2016-05-02T09:00:00.000Z', command: cmd('RecordIncome', '2016-05-02', LI, { employmentId: 'e1', month: '2016-04', amount: 2000 }) },
  { at: '2016-05-10T09:00:00.000Z', command: cmd('ClearHousehold', '2016-05-10', LI) },
  // b did want work on 18 March: the survey was keyed with the box unticked.
  { at: '2016-06-15T10:00:00.000Z', command: cmd('CorrectEvent', '2016-06-15', WANG, { correction: { members: [surveyed('a', 'full', true), surveyed('b', 'partial', true)] }, reason: 'wantsWork keyed unticked' }), corrects: ['HouseholdSurveyed', '2016-03-18'] },
  { at: '2016-08-08T09:00:00.000Z', command: cmd('RecordFollowUp', '2016-08-08', LI, { visitId: 'v1', findings: 'Two months unpaid', stillEmployed: true, laborConcerns: ['wages-withheld'] }) },
  { at: '2016-09-01T09:00:00.000Z', command: cmd('ResolveLaborConcern', '2016-09-01', LI, { visitId: 'v1', outcome: 'remedied', reason: 'Arrears paid' }) },
  // The payslip said 2200: the April income was keyed from the contract.
  { at: '2016-10-10T10:00:00.000Z', command: cmd('CorrectEvent', '2016-10-10', WANG, { correction: { amount: 2200 }, reason: 'amount from the payslip' }), corrects: ['IncomeRecorded', '2016-05-02'] },
  // Keyed 46 days after the business date, 10 days behind the stream's latest date (the correction's).
  { at: '2016-11-15T09:00:00.000Z', command: cmd('EndEmployment', '2016-09-30', LI, { note: 'from the paper file', employmentId: 'e1', reason: 'seasonal-end' }) },
  { at: '2016-11-20T09:00:00.000Z', command: cmd('RecordRelapse', '2016-11-20', LI, { reason: 'Seasonal work ended' }) },
];

/** Writes hh-audit to a new SQLite store, each sitting at its own recording time, and removes it with `cleanup`. */
export const writeAuditStore = async (): Promise<{ dir: string; storeUrl: string; policyPath: string; cleanup: () => void }> => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-hand-worked-history-'));
  const storeUrl = `sqlite:${join(dir, 'hearth.db')}`;
  const policyPath = join(dir, 'policy.json');
  writeFileSync(policyPath, JSON.stringify(policyFile));
  let clock = '2016-01-01T08:00:00.000Z';
  const ledger = await Ledger.open({ storeUrl, policy, now: () => clock });
  try {
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
    for (const { at, command, corrects } of SITTINGS) {
      clock = at;
      const eventId = corrects === undefined ? {} : { eventId: await eventIdOf(ledger, corrects) };
      const result = await ledger.commandHandler().handle({ ...command, ...eventId } as HouseholdCommand, ledger.context());
      if (result.status !== 'accepted') throw new Error(`${JSON.stringify(command)} was not accepted: ${JSON.stringify(result)}`);
    }
  } finally {
    await ledger.close();
  }
  return { dir, storeUrl, policyPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

const eventIdOf = async (ledger: Ledger, [type, occurredOn]: Target): Promise<string> => {
  const found = (await ledger.store.readStream(householdStream(HH))).find((e) => e.type === type && e.metadata.occurredOn === occurredOn);
  if (found === undefined) throw new Error(`no ${type} of ${occurredOn}`);
  return found.eventId;
};

/** The stored stream of hh-audit, read back through a ledger over the store. */
export const storedStream = async (storeUrl: string): Promise<readonly RecordedEvent[]> => {
  const ledger = await Ledger.open({ storeUrl, policy });
  try {
    return await ledger.store.readStream(householdStream(HH));
  } finally {
    await ledger.close();
  }
};

/** The stored events as the domain folds and replays them. */
export const factsOf = (stream: readonly RecordedEvent[]): Fact[] =>
  stream.map((r) => ({ event: householdEventCodec.decode(r), meta: { eventId: r.eventId, occurredOn: r.metadata.occurredOn, position: r.position } }));

/** What an auditor compares: status, open concerns, and each member as [id, capacity, willing, eligible, employed]. */
export interface Answer {
  readonly status: string;
  readonly openLaborConcerns: readonly string[];
  readonly members: readonly (readonly [string, string | null, boolean, boolean, boolean])[];
}

/**
 * The first layer: the domain's own functions over the stored stream. What the ledger knew at
 * `knownAt` is the events recorded by then (the log grows at its end, so a prefix); as of a
 * business date is `stateAsOf`, and eligibility and employment are read at the end of that
 * date (without one, at the latest business date).
 */
export const domainAnswer = (stream: readonly RecordedEvent[], asOf?: string, knownAt?: string): Answer & { incomeOfApril?: number } => {
  const known = knownAt === undefined ? stream : stream.filter((r) => Date.parse(r.metadata.recordedAt) <= Date.parse(knownAt));
  const facts = factsOf(known);
  const state = asOf === undefined ? fold(facts) : stateAsOf(facts, asOf).state;
  const on = asOf ?? state.latestOn ?? '1900-01-01';
  const eligible = new Set(eligibleMembers(state, on, policy).map((m) => m.memberId));
  const income = state.employments.get('e1')?.incomes.get('2016-04');
  return {
    status: state.status,
    openLaborConcerns: [...state.visits].filter(([, v]) => v.concern?.open).map(([visitId]) => visitId),
    members: [...state.members.values()].map((m) => [m.memberId, m.laborCapacity ?? null, m.willing, eligible.has(m.memberId), isEmployed(state, m.memberId, on)] as const),
    ...(income === undefined ? {} : { incomeOfApril: income }),
  };
};

/** The fields of `hearth --json history` (cli.md) these specs read. */
export interface HistoryJson {
  readonly householdId: string;
  readonly divisionCode: string | null;
  readonly asOf: string | null;
  readonly knownAt: string | null;
  readonly status: string;
  readonly openLaborConcerns: readonly string[];
  readonly members: readonly { memberId: string; laborCapacity: string | null; willing: boolean; eligible: boolean; employed: boolean }[];
  readonly events: readonly { position: number; type: string; occurredOn: string; recordedAt: string; actor: string; note: string | null; data: Record<string, unknown>; hashOk: boolean }[];
  readonly laterCorrections: readonly {
    position: number; occurredOn: string; recordedAt: string; actor: string; note: string | null;
    correctedEventId: string; correctedPosition: number; correctedType: string; correction: Record<string, unknown>; reason: string;
  }[];
  readonly anomalies: readonly unknown[];
}

const BIN = resolve(__dirname, '../../../../apps/cli/bin/hearth.js');

/** The second layer: the real `hearth` executable, `--json`, over the store and the policy file (none: the reference policy). */
export const hearthJson = <T>(storeUrl: string, policyPath: string | undefined, args: readonly string[]): { code: number | null; body: T } => {
  const policyArgs = policyPath === undefined ? [] : ['--policy', policyPath];
  const r = spawnSync(process.execPath, [BIN, '--store', storeUrl, ...policyArgs, '--json', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, body: r.stdout === '' ? undefined : JSON.parse(r.stdout) };
};

/** `hearth --json history hh-audit [--as-of D] [--known-at T]`, with the answer's state cut to what `Answer` compares. */
export const cliHistory = (storeUrl: string, policyPath: string, asOf?: string, knownAt?: string) => {
  const args = ['history', HH, ...(asOf === undefined ? [] : ['--as-of', asOf]), ...(knownAt === undefined ? [] : ['--known-at', knownAt])];
  const { code, body } = hearthJson<HistoryJson>(storeUrl, policyPath, args);
  if (code !== 0) throw new Error(`hearth ${args.join(' ')} exited ${code}`);
  const answer: Answer = {
    status: body.status,
    openLaborConcerns: body.openLaborConcerns,
    members: body.members.map((m) => [m.memberId, m.laborCapacity, m.willing, m.eligible, m.employed] as const),
  };
  return { answer, body };
};
