import { command as c, registered, testContext } from '../../testing/fixtures';
import { rejectionOf } from '../../testing/given-when-then';

/**
 * Nothing is dated after it is recorded (decision 135), judged against the decision's
 * recording time. A review found that one malformed recording time — a hand-edited event that
 * `verify` decides again — left every later decision in the process refused with "after
 * 0NaN-NaN-NaN", until a restart (decision 206).
 */
describe('the recording time a decision is judged against', () => {
  const addMember = c('AddMember', { memberId: 'm2', birthYear: 2001, on: '2016-02-01' });
  const at = (recordedAt: string) => ({ ...testContext, recordedAt });

  it.each(['', '2', '2016', 'not a time', '2016-02-30T10:00:00.000Z'])('%j is said to be no timestamp, naming recordedAt, not the command\'s date', (recordedAt) => {
    expect(rejectionOf([registered()], addMember, at(recordedAt))).toMatchObject({ code: 'INVALID_COMMAND', fields: [{ path: 'recordedAt', message: expect.stringContaining('no UTC timestamp') }] });
  });

  it('leaves no trace on the decisions after it', () => {
    for (const bad of ['', '2', '2016-02']) {
      rejectionOf([registered()], addMember, at(bad));
      expect(rejectionOf([registered()], addMember, at('2026-12-07T10:00:00.000Z'))).toBeUndefined();
      expect(rejectionOf([registered()], addMember, at('2016-01-30T10:00:00.000Z'))).toMatchObject({ code: 'INVALID_COMMAND', fields: [{ path: 'on' }] });
    }
  });
});
