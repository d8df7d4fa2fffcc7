import { EMPLOYMENT_FORMS, EmploymentForm, Place, TrainingKind } from '@hearth/domain';
import { ASSISTED_WAGE, POSITIONS, PROVIDERS, TRAINING_TITLES, WAGE_RANGE } from './catalog';
import { employerName } from './names';
import { Rng, streamKey } from './prng';

/** A job on offer or found: what a referral or an employment records about it. */
export interface Job {
  readonly employer: string;
  readonly position: string;
  readonly form: EmploymentForm;
  readonly place: Place;
  readonly wage: number;
}

const SALT_EMPLOYERS = 0x0e3b1075;
const EMPLOYERS_PER_COUNTY = 10;
const REGION_EMPLOYERS = 24;

/**
 * Employers are few and shared: each county has its own small pool and the region one
 * for jobs further away, so that reports see the same firms again and again. Pools are
 * derived from the seed, memoised per region (a few hundred short strings).
 */
export class EmployerPools {
  private readonly byCounty = new Map<string, string[]>();
  private readonly region: string[];

  constructor(private readonly seed32: number) {
    const rng = new Rng(streamKey(seed32, SALT_EMPLOYERS, 0x7fffffff));
    this.region = Array.from({ length: REGION_EMPLOYERS }, () => employerName(rng));
  }

  county(code: string): readonly string[] {
    let pool = this.byCounty.get(code);
    if (!pool) {
      let h = 0;
      for (let i = 0; i < code.length; i++) h = (Math.imul(h, 31) + code.charCodeAt(i)) | 0;
      const rng = new Rng(streamKey(this.seed32, SALT_EMPLOYERS, h >>> 0));
      pool = Array.from({ length: EMPLOYERS_PER_COUNTY }, () => employerName(rng));
      this.byCounty.set(code, pool);
    }
    return pool;
  }

  regionWide(): readonly string[] {
    return this.region;
  }
}

const FORM_WEIGHTS = [0.34, 0.36, 0.14, 0.16]; // enterprise, flexible, self-employed, assisted

export const pickForm = (rng: Rng, preferred: readonly EmploymentForm[]): EmploymentForm =>
  preferred.length > 0 && rng.chance(0.7) ? rng.pick(preferred) : (EMPLOYMENT_FORMS[rng.weighted(FORM_WEIGHTS)] as EmploymentForm);

export const pickPlace = (rng: Rng, preferred: readonly Place[]): Place =>
  preferred.length > 0 && rng.chance(0.75) ? rng.pick(preferred) : rng.weighted([0.55, 0.3, 0.15]) === 0 ? 'local' : rng.chance(0.67) ? 'in-region' : 'out-of-region';

export const wageFor = (rng: Rng, form: EmploymentForm, place: Place): number => {
  const [lo, hi] = form === 'assisted' ? ASSISTED_WAGE : WAGE_RANGE[place];
  return Math.round((lo + rng.float() * (hi - lo)) / 50) * 50;
};

/** A job of a given form and place, with an employer from the right pool and a plausible wage. */
export const jobOf = (rng: Rng, pools: EmployerPools, county: string, form: EmploymentForm, place: Place): Job => {
  const employer =
    form === 'assisted' ? 'township public-welfare post scheme'
    : form === 'self-employed' ? 'own business'
    : rng.pick(place === 'local' ? pools.county(county) : pools.regionWide());
  return { employer, position: rng.pick(POSITIONS[form]), form, place, wage: wageFor(rng, form, place) };
};

/** A job on offer, leaning toward what the member said they prefer. */
export const makeJob = (rng: Rng, pools: EmployerPools, county: string, forms: readonly EmploymentForm[], places: readonly Place[]): Job => {
  const form = pickForm(rng, forms);
  return jobOf(rng, pools, county, form, form === 'assisted' || form === 'self-employed' ? 'local' : pickPlace(rng, places));
};

const KIND_WEIGHTS = [0.5, 0.18, 0.12, 0.2];
const KINDS: readonly TrainingKind[] = ['vocational', 'language', 'entrepreneurship', 'order-based'];

export const makeTraining = (rng: Rng, needs: readonly TrainingKind[]): { kind: TrainingKind; title: string; provider: string } => {
  const kind = needs.length > 0 && rng.chance(0.7) ? rng.pick(needs) : (KINDS[rng.weighted(KIND_WEIGHTS)] as TrainingKind);
  return { kind, title: rng.pick(TRAINING_TITLES[kind]), provider: rng.pick(PROVIDERS) };
};
