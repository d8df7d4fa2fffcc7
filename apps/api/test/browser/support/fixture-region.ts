import { identified, journey } from '../../support/journey';

/** Two prefectures down to villages: enough to drill from the region to a village in each. */
export const DIVISIONS = [
  { code: 'R', name: 'Fixture Region', parentCode: null, level: 'region' },
  { code: 'P01', name: 'North Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: 'P01C01', name: 'River County', parentCode: 'P01', level: 'county' },
  { code: 'P01C01T01', name: 'Ferry Township', parentCode: 'P01C01', level: 'township' },
  { code: 'P01C01T01V01', name: 'Willow Village', parentCode: 'P01C01T01', level: 'village' },
  { code: 'P01C01T01V02', name: 'Stone Bridge Village', parentCode: 'P01C01T01', level: 'village' },
  { code: 'P02', name: 'South Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: 'P02C01', name: 'Hill County', parentCode: 'P02', level: 'county' },
  { code: 'P02C01T01', name: 'Pine Township', parentCode: 'P02C01', level: 'township' },
  { code: 'P02C01T01V01', name: 'Pine Village', parentCode: 'P02C01T01', level: 'village' },
] as const;

export const WILLOW = 'P01C01T01V01';
export const STONE_BRIDGE = 'P01C01T01V02';
export const PINE = 'P02C01T01V01';

/** Cleared on 2016-07-01 (identified 2016-04-01, before the baseline cutoff). */
const cleared = (id: string, village: string) => journey(id, village).slice(0, 8);

/**
 * Ten baseline households: six cleared in Willow, one identified in Stone Bridge (a count of 1
 * that an analyst must not see), two cleared and one identified in Pine. In 2016 the region's
 * target is ceil(10 × 0.25) = 3 with 8 cleared; North Prefecture 7 baseline, 6 cleared,
 * target 2; South Prefecture 3, 2 and 1 — small counts, suppressed for an analyst.
 */
export const FIXTURE_COMMANDS: Record<string, unknown>[] = [
  ...['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].flatMap((id) => cleared(id, WILLOW)),
  ...identified('s1', STONE_BRIDGE),
  ...cleared('p1', PINE),
  ...cleared('p2', PINE),
  ...identified('p3', PINE),
];

/** What clears the Stone Bridge household (referral, acceptance, employment, clearance). */
export const CLEAR_S1: Record<string, unknown>[] = journey('s1', STONE_BRIDGE).slice(4, 8);
