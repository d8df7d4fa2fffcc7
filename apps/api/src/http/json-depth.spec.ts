import { jsonDepthExceeds } from './json-depth';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON nesting depth, counted without parsing', () => {
  it('counts arrays and objects, and ignores brackets inside strings (escaped quotes included)', () => {
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 1)).toBe(false);
    expect(jsonDepthExceeds('[[1],[2],[3],[4]]', 2)).toBe(false);
  });

  it('takes a million brackets in one loop (no recursion to overflow)', () => {
    expect(jsonDepthExceeds('['.repeat(1_000_000), 32)).toBe(true);
    expect(jsonDepthExceeds('[1],'.repeat(250_000), 1)).toBe(false);
  });
});
