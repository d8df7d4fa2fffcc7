import * as E from 'fp-ts/Either';
import { parseCommand } from '../parse-command';

const valid = {
  type: 'RegisterHousehold',
  householdId: 'h1',
  on: '2016-01-10',
  divisionCode: 'V1',
  members: [{ memberId: 'm1', birthYear: 1980, sex: 'female' }],
};

const rejection = (input: unknown) => {
  const r = parseCommand(input);
  if (E.isRight(r)) throw new Error(`expected a rejection, got ${JSON.stringify(r.right)}`);
  return r.left;
};

describe('parseCommand: the edge decodes once, and says which field and why', () => {
  it('accepts a valid command as it is', () => {
    expect(parseCommand(valid)).toEqual(E.right(valid));
  });

  it.each([
    ['a value that is not an object', 42, ''],
    ['an array', [valid], ''],
    ['null', null, ''],
    ['a missing type', { ...valid, type: undefined }, 'type'],
    ['an unknown command type', { ...valid, type: 'DeleteHousehold' }, 'type'],
    ['an inherited property name as type', { ...valid, type: 'toString' }, 'type'],
    ['a missing field', { ...valid, divisionCode: undefined }, 'divisionCode'],
    ['a wrong type', { ...valid, members: [{ memberId: 'm1', birthYear: '1980' }] }, 'members.0.birthYear'],
    ['an unknown field', { ...valid, phoneNumber: 'x' }, 'phoneNumber'],
    ['an unknown nested field', { ...valid, members: [{ memberId: 'm1', birthYear: 1980, phone: '123' }] }, 'members.0.phone'],
    ['an impossible date', { ...valid, on: '2016-02-30' }, 'on'],
    ['a date in the wrong format', { ...valid, on: '10/01/2016' }, 'on'],
    ['an id with forbidden characters', { ...valid, householdId: 'h 1' }, 'householdId'],
    ['an id longer than 64 characters', { ...valid, householdId: 'h'.repeat(65) }, 'householdId'],
    ['a note longer than 500 characters', { ...valid, note: 'x'.repeat(501) }, 'note'],
    ['a birth year out of range', { ...valid, members: [{ memberId: 'm1', birthYear: 1899 }] }, 'members.0.birthYear'],
    ['a value outside an enumeration', { ...valid, members: [{ memberId: 'm1', birthYear: 1980, sex: 'x' }] }, 'members.0.sex'],
    ['no members', { ...valid, members: [] }, 'members'],
    ['money with three decimals', { type: 'RecordIncome', householdId: 'h1', on: '2016-01-10', employmentId: 'e1', month: '2016-01', amount: 1.005 }, 'amount'],
    ['negative money', { type: 'RecordIncome', householdId: 'h1', on: '2016-01-10', employmentId: 'e1', month: '2016-01', amount: -1 }, 'amount'],
    ['a month that is not one', { type: 'RecordIncome', householdId: 'h1', on: '2016-01-10', employmentId: 'e1', month: '2016-13', amount: 1 }, 'month'],
  ])('rejects %s as INVALID_COMMAND naming the field', (_what, input, path) => {
    const error = rejection(input);
    expect(error.code).toBe('INVALID_COMMAND');
    expect(error.fields?.map((f) => f.path)).toContain(path);
  });

  it('rejects a __proto__ key from JSON.parse as an unknown field, and pollutes nothing', () => {
    const error = rejection(JSON.parse('{"type":"ClearHousehold","householdId":"h1","on":"2016-01-10","__proto__":{"polluted":true}}'));
    expect(error.fields).toEqual([{ path: '__proto__', message: 'unknown field "__proto__"' }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a huge string without echoing it back', () => {
    const error = rejection({ ...valid, note: 'x'.repeat(10_000_000) });
    expect(error.fields?.[0]?.path).toBe('note');
    expect(error.message.length).toBeLessThan(300);
  });
});
