import { Rng } from './prng';

/**
 * Neutral, plausible-sounding place and organisation names built from syllables.
 * They name nothing real on purpose: no name carries an ethnic, religious or
 * political meaning, and none points at a real place or firm.
 */
const FIRST = [
  'An', 'Bai', 'Bei', 'Chang', 'Cheng', 'Da', 'Dong', 'Feng', 'Fu', 'Gao', 'Guang', 'He', 'Hong', 'Hua', 'Huai',
  'Jia', 'Jin', 'Jing', 'Kang', 'Lan', 'Li', 'Lin', 'Long', 'Mei', 'Nan', 'Ning', 'Ping', 'Qing', 'Quan', 'Rui',
  'Shan', 'Shang', 'Shi', 'Song', 'Tai', 'Tian', 'Wan', 'Xi', 'Xia', 'Xin', 'Yang', 'Yong', 'Yu', 'Yuan', 'Yun',
  'Ze', 'Zhong', 'Zhu',
] as const;
const SECOND = [
  'an', 'ba', 'bei', 'chuan', 'dong', 'feng', 'gou', 'he', 'hu', 'jiang', 'kou', 'lin', 'ling', 'men', 'nan',
  'ping', 'po', 'qiao', 'quan', 'shan', 'shui', 'tai', 'tan', 'tang', 'tian', 'wan', 'xi', 'yang', 'yuan', 'zhai',
  'zhou', 'zhuang',
] as const;

export const placeName = (rng: Rng): string => rng.pick(FIRST) + rng.pick(SECOND);

const TRADES = [
  'Textiles', 'Garments', 'Food Processing', 'Agricultural Cooperative', 'Construction', 'Logistics', 'Electronics Assembly',
  'Property Services', 'Catering', 'Greenhouse Farm', 'Building Materials', 'Furniture', 'Dairy', 'Packaging',
] as const;

/** A small, fixed set of employers per county: named from the county's own seed. */
export const employerName = (rng: Rng): string => `${placeName(rng)} ${rng.pick(TRADES)} Co.`;
