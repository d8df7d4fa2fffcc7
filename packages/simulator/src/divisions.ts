import { Division } from '@hearth/domain';
import { placeName } from './names';
import { resolveOptions, RegionOptions, ResolvedOptions } from './options';
import { Rng, streamKey } from './prng';

/**
 * The synthetic division tree: one region, 12–14 prefectures, about a hundred
 * counties, about ten townships per county (fixed whatever the size of the region),
 * and villages below them whose number grows with the household count (about 55
 * households a village, and at least one village per township).
 *
 * Households are laid out village by village: village j holds the contiguous range of
 * household indices [start[j], start[j+1]), sized by a random weight, so the village of
 * household i is a binary search, not a table of N entries.
 */
export interface RegionLayout {
  readonly divisions: readonly Division[];
  readonly villageCodes: readonly string[];
  /** start[j] = first household index of village j; start[villages] = households. */
  readonly villageStart: Float64Array;
}

const SALT_DIVISIONS = 0x0d1f1510;
const HOUSEHOLDS_PER_VILLAGE = 55;

const code2 = (n: number, width: number): string => String(n).padStart(width, '0');

/** Splits `total` into `weights.length` integer parts proportional to the weights, each ≥ `min`. */
const apportion = (total: number, weights: readonly number[], min: number): number[] => {
  const spare = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const parts = exact.map((x) => min + Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[(order[k] as readonly [number, number])[1]]! += 1;
  return parts;
};

const build = (o: ResolvedOptions): RegionLayout => {
  const rng = new Rng(streamKey(o.seed32, SALT_DIVISIONS, 0));
  const divisions: Division[] = [];
  divisions.push({ code: 'R', name: `${placeName(rng)} Region`, parentCode: null, level: 'region' });

  const prefectures = rng.int(12, 14);
  const counties = apportion(rng.int(96, 106), Array.from({ length: prefectures }, () => 0.6 + rng.float()), 3);
  // Townships per county, then villages per township: about ten each.
  const townshipCounts = counties.map((n) => Array.from({ length: n }, () => rng.int(6, 14)));
  const townships = townshipCounts.flat().reduce((a, b) => a + b, 0);
  const villageTotal = Math.max(townships, Math.round(o.households / HOUSEHOLDS_PER_VILLAGE));
  const villagesPerTownship = apportion(villageTotal, Array.from({ length: townships }, () => 0.5 + rng.float()), 1);
  const pw = prefectures > 99 ? 3 : 2;

  const villageCodes: string[] = [];
  const villageWeights: number[] = [];
  let t = 0;
  for (let p = 1; p <= prefectures; p++) {
    const pc = `P${code2(p, pw)}`;
    divisions.push({ code: pc, name: `${placeName(rng)} Prefecture`, parentCode: 'R', level: 'prefecture' });
    const nCounties = counties[p - 1] as number;
    for (let c = 1; c <= nCounties; c++) {
      const cc = `${pc}C${code2(c, nCounties > 99 ? 3 : 2)}`;
      divisions.push({ code: cc, name: `${placeName(rng)} County`, parentCode: pc, level: 'county' });
      const nTownships = (townshipCounts[p - 1] as number[])[c - 1] as number;
      for (let s = 1; s <= nTownships; s++, t++) {
        const tc = `${cc}T${code2(s, nTownships > 99 ? 3 : 2)}`;
        divisions.push({ code: tc, name: `${placeName(rng)} Township`, parentCode: cc, level: 'township' });
        const nVillages = villagesPerTownship[t] as number;
        for (let v = 1; v <= nVillages; v++) {
          const vc = `${tc}V${code2(v, nVillages > 99 ? String(nVillages).length : 2)}`;
          divisions.push({ code: vc, name: `${placeName(rng)} Village`, parentCode: tc, level: 'village' });
          villageCodes.push(vc);
          villageWeights.push(0.4 + 1.2 * rng.float());
        }
      }
    }
  }

  const sizes = apportion(o.households, villageWeights, 0);
  const villageStart = new Float64Array(villageCodes.length + 1);
  for (let j = 0; j < sizes.length; j++) villageStart[j + 1] = (villageStart[j] as number) + (sizes[j] as number);
  return { divisions, villageCodes, villageStart };
};

let cached: { key: string; layout: RegionLayout } | undefined;

/** The layout of a region; the last one is memoised (generating a region asks for it once per household). */
export const regionLayout = (o: ResolvedOptions): RegionLayout => {
  const key = `${o.seed32}:${o.households}`;
  if (cached?.key !== key) cached = { key, layout: build(o) };
  return cached.layout;
};

/** The village of household `index` (0-based). */
export const villageOf = (layout: RegionLayout, index: number): string => {
  const starts = layout.villageStart;
  let lo = 0;
  let hi = layout.villageCodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  return layout.villageCodes[lo] as string;
};

/** The division tree of a region: `{code, name, parentCode, level}`, parents before children, valid for `buildDivisionTree`. */
export const generateDivisions = (opts: RegionOptions): Division[] => [...regionLayout(resolveOptions(opts)).divisions];
