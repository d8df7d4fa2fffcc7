import { TOKENS } from './dashboard-server';
import { DIVISIONS } from './fixture-region';

/**
 * The fixture region as each viewer of the dashboard sees it: every role that may see the
 * figure pages, with the division the server reports on for it (its home), and the divisions
 * of that home's subtree, which its pages may be opened on.
 */
export const VIEWERS: [who: string, token: string, home: string][] = [
  ['a caseworker at the root', TOKENS.caseworker, 'R'],
  ['a caseworker of South Prefecture', TOKENS.pine, 'P02'],
  ['an auditor', TOKENS.auditor, 'R'],
  ['an analyst', TOKENS.analyst, 'R'],
];

export const nameOf = (code: string): string => DIVISIONS.find((d) => d.code === code)?.name ?? code;

export const hasChildren = (code: string): boolean => DIVISIONS.some((d) => d.parentCode === code);

/** `home` and every division below it, depth-first in the fixture's order (a picker's order). */
export const subtree = (home: string): string[] => {
  const out: string[] = [];
  const visit = (code: string) => {
    out.push(code);
    for (const d of DIVISIONS) if (d.parentCode === code) visit(d.code);
  };
  visit(home);
  return out;
};

/** The codes from the region down to `code`: a breadcrumb's, or a household's division as the page names it. */
export const lineage = (code: string): string[] => {
  const out: string[] = [];
  for (let d = DIVISIONS.find((x) => x.code === code); d; d = DIVISIONS.find((x) => x.code === d?.parentCode)) out.unshift(d.code);
  return out;
};
