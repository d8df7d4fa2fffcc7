import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { householdStream, referencePolicy } from '@hearth/domain';
import { importCommands } from '../import/importer';
import { Ledger } from '../ledger';

/** hh-b's one member as a survey lists her: unable and unwilling as first keyed, able and willing as corrected. */
export const bitemporalMember = (laborCapacity: string, wantsWork: boolean) => ({
  memberId: 'hh-b-a', health: 'healthy', laborCapacity, education: 'primary', skills: [], languages: [], wantsWork,
  preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
});

/** One sitting at the keyboard: the commands keyed in at `at` (system time), given the store as it then stands. */
interface Session {
  readonly at: string;
  readonly commands: (ledger: Ledger) => Promise<readonly object[]>;
}

const SESSIONS: readonly Session[] = [
  {
    at: '2019-03-02T09:00:00.000Z',
    commands: async () => [
      { type: 'RegisterHousehold', householdId: 'hh-b', on: '2019-01-10', divisionCode: 'P01C01T01V01', members: [{ memberId: 'hh-b-a', birthYear: 1985 }] },
      { type: 'SurveyHousehold', householdId: 'hh-b', on: '2019-03-01', householdSize: 1, povertyCauses: ['lack-of-skills'], members: [bitemporalMember('none', false)] },
    ],
  },
  {
    at: '2021-06-16T09:00:00.000Z',
    commands: async (ledger) => {
      const survey = (await ledger.store.readStream(householdStream('hh-b'))).find((e) => e.type === 'HouseholdSurveyed');
      return [{ type: 'CorrectEvent', householdId: 'hh-b', on: '2021-06-15', eventId: survey?.eventId, correction: { members: [bitemporalMember('full', true)] }, reason: 'keyed against the wrong member' }];
    },
  },
  {
    at: '2022-02-01T09:00:00.000Z',
    commands: async () => [
      { type: 'RegisterHousehold', householdId: 'hh-late', on: '2018-03-01', divisionCode: 'P01C01T01V02', members: [{ memberId: 'hh-late-a', birthYear: 1980 }] },
    ],
  },
];

/**
 * The store the bitemporal history's tests read (docs/decisions/0154), written through the
 * library the CLI and the service run, each sitting imported at its own recording time: hh-b
 * surveyed in 2019 as unable and unwilling, a data-entry error corrected in 2021; hh-late
 * registered with a 2018 business date, keyed in only in 2022. `prepare` runs on the ledger
 * before each sitting (the CLI's test records the example division tree there). The sittings'
 * command files are written to `dir`.
 */
export const writeBitemporalExample = async (storeUrl: string, dir: string, prepare?: (ledger: Ledger) => Promise<void>): Promise<void> => {
  for (const { at, commands } of SESSIONS) {
    const ledger = await Ledger.open({ storeUrl, policy: referencePolicy, now: () => at });
    try {
      await prepare?.(ledger);
      const source = join(dir, `${at.slice(0, 10)}.jsonl`);
      writeFileSync(source, `${(await commands(ledger)).map((c) => JSON.stringify(c)).join('\n')}\n`);
      await importCommands(ledger, { source, now: () => at });
    } finally {
      await ledger.close();
    }
  }
};
