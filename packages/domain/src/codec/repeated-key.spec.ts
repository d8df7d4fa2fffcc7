import fc from 'fast-check';
import { propertyRuns } from '../testing/property-runs';
import { repeatedKeyPath, repeatedKeyPathOf } from './repeated-key';

describe('repeatedKeyPath', () => {
  it.each([
    ['{"on":"2016-01-01","type":"X"}', undefined],
    ['{"on":"2016-01-01","on":"2016-02-01"}', 'on'],
    ['{"a":{"b":1},"c":{"b":2}}', undefined],
    ['{"members":[{"memberId":"m1"},{"memberId":"m2","birthYear":1,"birthYear":2}]}', 'members.1.birthYear'],
    ['[{"x":1},{"x":1,"x":2}]', '1.x'],
    ['{"a":"\\"b\\":1,\\"b\\":2","b":3}', undefined],
    ['{"on":1,"\\u006fn":2}', 'on'],
    ['{"a":[1,[2,3],{"a":1}],"a":2}', 'a'],
    ['{"":1,"":2}', ''],
    ['{"a\\"":1,"a\\"":2}', 'a"'],
    ['{"a\\\\":1,"b":2,"a\\\\":3}', 'a\\'],
    ['{}', undefined],
    ['[{},[""]]', undefined],
    ['{"a":{},"b":["a","b"],"c":{"":{}},"d":1}', undefined],
    ['"a,b"', undefined],
    ['7', undefined],
  ])('%s → %s', (text, path) => {
    JSON.parse(text);
    expect(repeatedKeyPath(text)).toBe(path);
  });
});

describe('repeatedKeyPath on an object of many keys (a hostile body), where it looks repeats up in a Set', () => {
  const many = (n: number): string[] => Array.from({ length: n }, (_, i) => `"k${i}":${i}`);
  it('finds none among distinct keys, and the repeat of an early key found late', () => {
    expect(repeatedKeyPath(`{${many(5000).join(',')}}`)).toBeUndefined();
    expect(repeatedKeyPath(`{"outer":{${[...many(40), '"k3":0'].join(',')}},"k3":1}`)).toBe('outer.k3');
    expect(repeatedKeyPath(`[{${many(40).join(',')}},{${[...many(33), '"k32":1'].join(',')}}]`)).toBe('1.k32');
  });
});

describe('repeatedKeyPath over any JSON a serialiser writes', () => {
  it('finds no repeated key (and never throws) in JSON.stringify of any value, indented or not', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(undefined, 2), (value, indent) => {
        expect(repeatedKeyPath(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
      propertyRuns(2000, process.env),
    );
  });
});

describe('repeatedKeyPathOf, the scan skipped when the counts prove no repeat', () => {
  // A key as written between its quotes: escapes, colons and `":` inside it included.
  const key = fc.constantFrom('a', 'b', 'on', 'a\\"', 'a:', '\\u0061', '\\":');
  const gap = fc.constantFrom('', ' ', '\n', '\t', '\r');
  // JSON text written by hand, so that an object may give a key twice and the colon may be spaced.
  const { text } = fc.letrec<{ text: string; entry: string }>((tie) => ({
    text: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
      fc.array(tie('entry'), { maxLength: 4 }).map((es) => `{${es.join(',')}}`),
      fc.array(tie('text'), { maxLength: 3 }).map((vs) => `[${vs.join(',')}]`),
    ),
    entry: fc.tuple(key, gap, tie('text')).map(([k, g, v]) => `"${k}"${g}:${v}`),
  }));

  it('answers what the scan answers, repeat or not, for any JSON text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(repeatedKeyPathOf(t, JSON.parse(t))).toBe(repeatedKeyPath(t));
      }),
      propertyRuns(3000, process.env),
    );
  });

  it.each([
    ['{"on":"2016-01-01","on":"2016-02-01"}', 'on'],
    ['{"on":"2016-01-01","on" :"2016-02-01"}', 'on'],
    ['{"actor":"caseworker:P01","on":1,"on":2}', 'on'],
    ['{"note":"\\":","on":1}', undefined],
    ['{"a":1,"\\u0061":2}', 'a'],
  ])('%s → %s', (t, path) => {
    expect(repeatedKeyPathOf(t, JSON.parse(t))).toBe(path);
  });

  it('leaves a value nested deeper than it counts to the scan', () => {
    const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
    expect(repeatedKeyPathOf(deep, JSON.parse(deep))).toBeUndefined();
    const deepRepeat = `${'{"a":'.repeat(200)}{"b":1,"b":2}${'}'.repeat(200)}`;
    expect(repeatedKeyPathOf(deepRepeat, JSON.parse(deepRepeat))).toBe(`${Array(200).fill('a').join('.')}.b`);
  });
});
