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

  it('says a missing type is missing, where it said "unknown command type undefined"', () => {
    const { type: _type, ...untyped } = valid;
    expect(rejection(untyped).message).toBe('type: required field is missing (one of the command types of domain.md §4)');
    expect(rejection({ ...valid, type: null }).message).toBe('unknown command type null');
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

describe('parseCommand: echoed input stays readable', () => {
  it('cuts a huge unknown key, in the message and in the field path, saying how long it was', () => {
    const key = 'k'.repeat(500_000);
    const e = rejection({ ...valid, [key]: 1 });
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toContain('… (500000 characters)');
    expect(e.fields?.[0]?.path.length).toBeLessThan(100);
  });
  it('cuts a huge command type', () => {
    const e = rejection({ ...valid, type: 'T'.repeat(100_000) });
    expect(e.message.length).toBeLessThan(200);
    expect(e.message).toContain('(100000 characters)');
  });
  it('names five fields in the message and says how many more there are', () => {
    const extra = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`x${i}`, i]));
    const e = rejection({ ...valid, ...extra });
    expect(e.message).toContain('… and 995 more fields');
    expect(e.fields).toHaveLength(1000);
  });
  it('quotes an unknown key as JSON, so control characters come out escaped', () => {
    const e = rejection({ ...valid, 'a\u001b[2Jb': 1 });
    expect(e.message).toContain('unknown field "a\\u001b[2Jb"');
  });
  it('refuses money with more than two decimals, naming the field', () => {
    const e = rejection({ type: 'RecordIncome', householdId: 'h1', on: '2016-02-01', employmentId: 'e1', month: '2016-01', amount: 100.999999999 });
    expect(e.code).toBe('INVALID_COMMAND');
    expect(e.fields?.map((f) => f.path)).toEqual(['amount']);
  });
});
