import { ev } from '../events';
import { stateAsOf } from '../as-of';
import { fold } from '../evolve';
import { registered, surveyed, surveyMember, unable, GivenFact } from '../../testing/fixtures';
import { storedFacts } from '../../testing/given-when-then';

/** A correction of the survey stored first in `facts` (event id `e1`), dated `on`. */
const surveyCorrected = (laborCapacity: 'full' | 'partial', on: string): GivenFact => ({
  event: ev('EventCorrected', { eventId: 'e1', correctedType: 'HouseholdSurveyed', correction: { members: [surveyMember('m1', { laborCapacity })] }, reason: 'keyed wrong' }),
  on,
});

describe('stateAsOf: the household at the end of a business date, every correction in the history applied (decision 154)', () => {
  const history = [registered(), surveyed([unable('m1')], '2016-02-01'), surveyCorrected('full', '2017-05-01')];

  it('applies a correction dated after the date to the fact it corrects, and names it', () => {
    const { state, laterCorrections } = stateAsOf(storedFacts(history), '2016-12-31');
    expect(state.members.get('m1')?.laborCapacity).toBe('full');
    expect(laterCorrections.map((l) => [l.fact.meta.eventId, l.data.eventId])).toEqual([['e2', 'e1']]);
  });

  it('does not make the later correction a fact of the date: the latest business date stays the survey\'s', () => {
    expect(stateAsOf(storedFacts(history), '2016-12-31').state.latestOn).toBe('2016-02-01');
  });

  it('neither applies nor names a correction of a fact dated after the date', () => {
    const { state, laterCorrections } = stateAsOf(storedFacts(history), '2016-01-31');
    expect(state.members.get('m1')?.laborCapacity).toBeUndefined();
    expect(laterCorrections).toEqual([]);
  });

  it('merges two corrections of one fact in the order they were recorded, when the later-recorded one is dated before the date', () => {
    const facts = storedFacts([...history, surveyCorrected('partial', '2016-06-01')]);
    const { state, laterCorrections } = stateAsOf(facts, '2016-12-31');
    expect(state.members.get('m1')?.laborCapacity).toBe('partial');
    expect(laterCorrections.map((l) => l.fact.meta.occurredOn)).toEqual(['2017-05-01']);
  });

  it('as of the latest date, is the live fold', () => {
    const facts = storedFacts([...history, surveyCorrected('partial', '2016-06-01')]);
    expect(stateAsOf(facts, '2017-05-01')).toEqual({ state: fold(facts), laterCorrections: [] });
  });
});
