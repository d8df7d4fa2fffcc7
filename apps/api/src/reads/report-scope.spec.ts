import { buildDivisionTree, type DivisionTree } from '@hearth/domain';
import * as E from 'fp-ts/Either';
import { UnknownDivisionError } from '@hearth/nest';
import { ApiError } from '../errors/api-error';
import type { Principal } from '../auth/principal';
import { reportDivision } from './report-scope';

const built = buildDivisionTree([
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'North', parentCode: 'R', level: 'prefecture' },
  { code: 'P2', name: 'South', parentCode: 'R', level: 'prefecture' },
]);
if (E.isLeft(built)) throw new Error('the test tree does not build');
const tree: DivisionTree = built.right;

const analyst: Principal = { role: 'analyst', actor: 'analyst-1' };
const auditor: Principal = { role: 'auditor', actor: 'auditor-1' };
const caseworker: Principal = { role: 'caseworker', division: 'P1', actor: 'cw-1' };

describe('the division a report is asked for', () => {
  it('is the root (undefined) when none is asked, for a caseworker their own', () => {
    expect(reportDivision(analyst, tree, undefined)).toBeUndefined();
    expect(reportDivision(caseworker, tree, undefined)).toBe('P1');
  });

  it('is a known division asked for, within a caseworker\'s subtree', () => {
    expect(reportDivision(analyst, tree, 'P2')).toBe('P2');
    expect(reportDivision(caseworker, tree, 'P1')).toBe('P1');
    expect(() => reportDivision(caseworker, tree, 'P2')).toThrow(ApiError);
  });

  it('refuses a code no tree holds as the report would, UNKNOWN_DIVISION, for every role and before any report is read', () => {
    for (const who of [analyst, auditor, caseworker]) {
      let thrown: unknown;
      try {
        reportDivision(who, tree, 'NOPE');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(UnknownDivisionError);
      expect((thrown as UnknownDivisionError).division).toBe('NOPE');
    }
    // An empty code (a script's unset variable) is a code no tree holds, never the root.
    expect(() => reportDivision(analyst, tree, '')).toThrow(UnknownDivisionError);
  });

  it('leaves the answer to the report when no tree is recorded yet (404 NO_DIVISION_TREE)', () => {
    expect(reportDivision(analyst, undefined, 'NOPE')).toBe('NOPE');
  });
});
