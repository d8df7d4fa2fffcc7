import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { ev, householdDecider } from '@hearth/domain';
import { command, given, householdCommands, propertyRuns, registered, runHousehold, surveyed, willing } from '@hearth/domain/testing';
import { householdService } from '../examples/embedding';

const tree = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Upper Village', parentCode: 'R', level: 'village' },
];
const member = { memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] };
const survey = JSON.stringify({ type: 'SurveyHousehold', householdId: 'h1', on: '2016-01-12', householdSize: 1, povertyCauses: ['illness'], members: [member], commandId: 's-1' });

describe('the README\'s household service around the Decider (examples/embedding.ts)', () => {
  it('decides, appends and folds; answers a retry unchanged; a refusal and a bad field are values that name the field', () => {
    const service = householdService(tree, 'caseworker-7');
    expect(service.handle('{"type":"RegisterHousehold","householdId":"h1","on":"2016-01-10","divisionCode":"V1","members":[{"memberId":"m1","birthYear":1980}]}', '2016-01-10T09:00:00Z')).toBe('HouseholdRegistered');
    expect(service.handle('{"type":"ApplyForIdentification","householdId":"h1","on":"2016-01-11"}', '2016-01-11T09:00:00Z')).toBe('NOT_SURVEYED at householdId');
    expect(service.handle(survey, '2016-01-12T09:00:00Z')).toBe('HouseholdSurveyed');
    expect(service.handle(survey, '2016-01-12T09:05:00Z')).toBe('unchanged');
    expect(service.handle('{"type":"RegisterHousehold","householdId":"h2","on":"2016-01-10","divisionCode":"V1"}', '2016-01-13T09:00:00Z')).toBe('INVALID_COMMAND at members');
    expect([service.status(), service.statusOn('2016-01-11')]).toEqual(['surveyed', 'registered']);
  });

  it('refuses a tree that is not one before it decides anything', () => {
    expect(() => householdService([{ code: 'V1', name: 'Orphan', parentCode: 'R', level: 'village' }], 'caseworker-7')).toThrow(/not a division tree/);
  });
});

// An embedder's own tests, with `@hearth/domain/testing` (shown in the README).
describe('a test of your own, in the house style', () => {
  it('an application needs a survey first', () => {
    given([registered()]).when(command('ApplyForIdentification', {})).thenRejectsAt('NOT_SURVEYED', 'householdId');
    given([registered(), surveyed([willing('m1')])]).when(command('ApplyForIdentification', {})).thenEvents(ev('IdentificationApplied', {}));
  });

  it('whatever a caseworker sends, the stored stream folds to the state the decisions left', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        expect(householdDecider.fold(run.facts, householdDecider.initialState)).toEqual(run.state);
      }),
      propertyRuns(100, process.env),
    );
  });
});

describe('the README', () => {
  it('shows code that is exactly the code these tests run', () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const sources = ['../examples/embedding.ts', 'embedding-example.spec.ts'].map((f) => readFileSync(join(__dirname, f), 'utf8'));
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks.filter((b) => !sources.some((s) => s.includes(b)))).toEqual([]);
  });
});
