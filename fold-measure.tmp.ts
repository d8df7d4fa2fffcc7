// Measures the household fold: decide-bench on a region, and one long stream (not committed).
import * as E from 'fp-ts/Either';
import { householdDecider, HouseholdCommand, DecisionContext, HouseholdEvent, referencePolicy, buildDivisionTree } from '@hearth/domain';
import { decideBench } from './apps/bench/src/decide-bench';
import { writeBenchRegion } from './apps/bench/src/region';

const longStream = (n: number, ctx: DecisionContext) => {
  const cmds: HouseholdCommand[] = [];
  const on = (i: number) => { const d = new Date(Date.UTC(2016, 0, 10) + Math.floor(i / 4) * 86400000); return d.toISOString().slice(0, 10); };
  cmds.push({ type: 'RegisterHousehold', householdId: 'h1', divisionCode: 'V', on: on(0), commandId: 'c-reg', members: [{ memberId: 'm1', birthYear: 1980 }] } as unknown as HouseholdCommand);
  cmds.push({ type: 'SurveyHousehold', householdId: 'h1', on: on(1), commandId: 'c-sur', householdSize: 1, povertyCauses: ['lack-of-skills'], members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: false, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }] } as unknown as HouseholdCommand);
  for (let i = 2; cmds.length < n; i++)
    cmds.push({ type: i % 2 === 0 ? 'DeclareWillingness' : 'WithdrawWillingness', householdId: 'h1', memberId: 'm1', on: on(i), commandId: `c-${i}` } as unknown as HouseholdCommand);
  let state = householdDecider.initialState;
  const facts: { event: HouseholdEvent; meta: { eventId: string; occurredOn: string; commandId?: string } }[] = [];
  const t0 = performance.now();
  let k = 0;
  for (const c of cmds) {
    const d = householdDecider.decide(c, state, ctx);
    if (E.isLeft(d)) throw new Error(`${c.type}: ${d.left.code} ${d.left.message}`);
    for (const e of d.right) { const meta = { eventId: `e${k++}`, occurredOn: c.on, commandId: c.commandId as string }; state = householdDecider.evolve(state, e, meta); facts.push({ event: e, meta }); }
  }
  const decideMs = performance.now() - t0;
  const t1 = performance.now();
  let s2 = householdDecider.initialState;
  for (const f of facts) s2 = householdDecider.evolve(s2, f.event, f.meta);
  const foldMs = performance.now() - t1;
  const t2 = performance.now();
  for (const f of facts) JSON.parse(JSON.stringify(f));
  const jsonMs = performance.now() - t2;
  return { events: facts.length, decideAndFoldMs: decideMs, foldMs, jsonRoundTripMs: jsonMs };
};

const main = async () => {
  const households = Number(process.argv[2] ?? 2000);
  if (process.argv[3] !== 'long-only') {
  const region = await writeBenchRegion('/tmp/foldm', households, 1);
  const r = await decideBench(region, { rounds: 5 });
  console.log(JSON.stringify({ households, commands: r.commands, events: r.events, subjectMs: r.subjectMs, baselineMs: r.baselineMs, ratio: r.ratio }));
  }
  const tree = buildDivisionTree([{ code: 'R', name: 'R', parentCode: null, level: 'region' }, { code: 'P', name: 'P', parentCode: 'R', level: 'prefecture' }, { code: 'C', name: 'C', parentCode: 'P', level: 'county' }, { code: 'T', name: 'T', parentCode: 'C', level: 'township' }, { code: 'V', name: 'V', parentCode: 'T', level: 'village' }]);
  if (E.isLeft(tree)) throw new Error(JSON.stringify(tree.left));
  const ctx: DecisionContext = { policy: referencePolicy, divisions: tree.right };
  for (const n of [500, 2000, 4000]) {
    const runs = Array.from({ length: 7 }, () => longStream(n, ctx)).slice(2);
    const min = (k: 'decideAndFoldMs' | 'foldMs' | 'jsonRoundTripMs') => Math.min(...runs.map((r) => r[k]));
    console.log(JSON.stringify({ events: n, decideAndFoldMs: min('decideAndFoldMs'), foldMs: min('foldMs'), jsonRoundTripMs: min('jsonRoundTripMs') }));
  }
};
void main();
