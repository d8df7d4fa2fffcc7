import {
  EDUCATION_LEVELS, EmploymentForm, HEALTH, LABOR_CAPACITIES, LANGUAGE_LEVELS, LaborCapacity, Place, POVERTY_CAUSES,
  Sex, SurveyedMember, TrainingKind,
} from '@hearth/domain';
import { SKILLS } from './catalog';
import { Rng } from './prng';

type Health = (typeof HEALTH)[number];
type Education = (typeof EDUCATION_LEVELS)[number];
type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];
type PovertyCause = (typeof POVERTY_CAUSES)[number];

/**
 * A simulated person: who they are (birth year, sex), what the next survey will say
 * about them (the profile), and what the domain currently knows (`known*`, `willing`),
 * which is what eligibility is decided on.
 */
export interface Member {
  readonly id: string;
  readonly birthYear: number;
  readonly sex: Sex;
  removed: boolean;
  /** Profile as the next survey will record it. */
  adult: boolean;
  health: Health;
  capacity: LaborCapacity;
  education: Education;
  skills: string[];
  languages: { language: string; level: LanguageLevel }[];
  wantsWork: boolean;
  preferredForms: EmploymentForm[];
  preferredPlaces: Place[];
  expectedMonthlyWage: number | undefined;
  wantsSelfEmployment: boolean;
  trainingNeeds: TrainingKind[];
  /** What the domain knows: capacity from the latest survey (undefined before), willingness. */
  knownCapacity: LaborCapacity | undefined;
  willing: boolean;
  /** Index of the member's active employment, or -1. */
  employment: number;
}

const FORMS: readonly EmploymentForm[] = ['enterprise', 'flexible', 'self-employed', 'assisted'];
const KINDS: readonly TrainingKind[] = ['vocational', 'language', 'entrepreneurship', 'order-based'];

const pickW = <T>(rng: Rng, items: readonly T[], weights: readonly number[]): T => items[rng.weighted(weights)] as T;

const capacityFor = (rng: Rng, health: Health): LaborCapacity => {
  switch (health) {
    case 'healthy': return rng.chance(0.92) ? 'full' : 'partial';
    case 'chronic-illness': return pickW(rng, LABOR_CAPACITIES, [0.25, 0.55, 0.2]);
    case 'disabled': return rng.chance(0.45) ? 'partial' : 'none';
    case 'serious-illness': return rng.chance(0.15) ? 'partial' : 'none';
  }
};

const adultEducation = (rng: Rng, age: number): Education =>
  age <= 30 ? pickW(rng, EDUCATION_LEVELS, [0.03, 0.12, 0.45, 0.2, 0.15, 0.05])
  : age <= 45 ? pickW(rng, EDUCATION_LEVELS, [0.1, 0.35, 0.4, 0.1, 0.05, 0])
  : pickW(rng, EDUCATION_LEVELS, [0.25, 0.5, 0.2, 0.05, 0, 0]);

const mandarin = (rng: Rng, weights: readonly number[]) => [{ language: 'Mandarin', level: pickW(rng, LANGUAGE_LEVELS, weights) }];

/** Fills in the working-age profile: capacity, education, skills, wishes. */
export const makeAdultProfile = (rng: Rng, m: Member, age: number): void => {
  m.adult = true;
  m.health = pickW(rng, HEALTH, [0.8, 0.11, 0.05, 0.04]);
  m.capacity = capacityFor(rng, m.health);
  m.education = adultEducation(rng, age);
  m.skills = rng.chance(0.75) ? rng.some<string>(SKILLS, rng.int(1, 2)) : [];
  if (m.skills.length > 1 && rng.chance(0.5)) m.skills.reverse();
  m.languages = mandarin(rng, age <= 30 ? [0.15, 0.4, 0.45] : [0.35, 0.4, 0.25]);
  m.wantsWork = m.capacity !== 'none' && rng.chance(age < 18 ? 0.3 : 0.86);
  if (m.wantsWork) {
    m.preferredForms = rng.some(FORMS, rng.int(1, 2));
    const places: Place[] = [];
    if (rng.chance(0.85)) places.push('local');
    if (rng.chance(0.4)) places.push('in-region');
    if (rng.chance(age <= 35 ? 0.35 : 0.15)) places.push('out-of-region');
    m.preferredPlaces = places.length > 0 ? places : ['local'];
    m.expectedMonthlyWage = rng.chance(0.65) ? rng.int(15, 45) * 100 : undefined;
    m.wantsSelfEmployment = rng.chance(0.12);
    m.trainingNeeds = rng.chance(0.6) ? rng.some(KINDS, rng.int(1, 2)) : [];
  } else {
    m.preferredForms = [];
    m.preferredPlaces = [];
    m.expectedMonthlyWage = undefined;
    m.wantsSelfEmployment = false;
    m.trainingNeeds = [];
  }
};

const blank = (id: string, birthYear: number, sex: Sex): Member => ({
  id, birthYear, sex, removed: false, adult: false, health: 'healthy', capacity: 'none', education: 'none', skills: [],
  languages: [], wantsWork: false, preferredForms: [], preferredPlaces: [], expectedMonthlyWage: undefined,
  wantsSelfEmployment: false, trainingNeeds: [], knownCapacity: undefined, willing: false, employment: -1,
});

const childEducation = (age: number): Education => (age < 6 ? 'none' : age < 12 ? 'primary' : 'junior-secondary');

const makeChild = (rng: Rng, m: Member, age: number): void => {
  m.health = pickW(rng, HEALTH, [0.95, 0.02, 0.03, 0]);
  m.education = childEducation(age);
  m.languages = age >= 6 ? mandarin(rng, [0.05, 0.45, 0.5]) : [];
};

const makeElder = (rng: Rng, m: Member): void => {
  m.adult = true;
  m.health = pickW(rng, HEALTH, [0.45, 0.4, 0.08, 0.07]);
  m.capacity = m.health === 'healthy' && rng.chance(0.5) ? 'partial' : 'none';
  m.education = pickW(rng, EDUCATION_LEVELS, [0.5, 0.45, 0.05, 0, 0, 0]);
  m.skills = rng.chance(0.6) ? [rng.pick(['farming', 'animal husbandry', 'handicrafts'] as const)] : [];
  m.languages = mandarin(rng, [0.6, 0.3, 0.1]);
};

/** A newborn added to the household (no survey yet). */
export const newborn = (rng: Rng, id: string, year: number): Member => blank(id, year, rng.chance(0.5) ? 'female' : 'male');

/**
 * A household's members in 2016: single elders, couples, nuclear families, single
 * parents and three-generation households, 1 to 8 people.
 */
export const makeMembers = (rng: Rng): Member[] => {
  const year = 2016;
  const people: Member[] = [];
  const add = (age: number, sex: Sex): Member => {
    const m = blank(`m${people.length + 1}`, year - age, sex);
    people.push(m);
    return m;
  };
  const otherSex = (s: Sex): Sex => (s === 'female' ? 'male' : 'female');
  const adult = (age: number, sex: Sex) => makeAdultProfile(rng, add(age, sex), age);
  const elder = (age: number, sex: Sex) => makeElder(rng, add(age, sex));
  /** Up to n children of a mother aged `motherAge`: born when she was 19 to 45, still at home up to 24. */
  const children = (motherAge: number, n: number) => {
    const youngest = Math.max(0, motherAge - 45);
    const oldest = Math.min(motherAge - 19, 24);
    for (let i = 0; i < n && people.length < 8 && youngest <= oldest; i++) {
      const age = rng.int(youngest, oldest);
      const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
      if (age >= 16) adult(age, sex);
      else makeChild(rng, add(age, sex), age);
    }
  };
  const sex1: Sex = rng.chance(0.55) ? 'male' : 'female';
  const shape = rng.weighted([0.07, 0.05, 0.04, 0.07, 0.06, 0.44, 0.27]);
  switch (shape) {
    case 0: elder(rng.int(60, 88), sex1); break;
    case 1: { const a = rng.int(60, 82); elder(a, 'male'); elder(Math.max(60, a + rng.int(-5, 3)), 'female'); break; }
    case 2: adult(rng.int(22, 59), sex1); break;
    case 3: { const a = rng.int(30, 59); adult(a, 'male'); adult(Math.max(22, Math.min(59, a + rng.int(-6, 3))), 'female'); break; }
    case 4: { const a = rng.int(24, 50); adult(a, 'female'); children(a, rng.weighted([0, 0.45, 0.35, 0.2])); break; }
    case 5: {
      const a = rng.int(24, 56);
      const b = Math.max(20, Math.min(59, a + rng.int(-6, 3)));
      adult(a, 'male');
      adult(b, 'female');
      children(b, rng.weighted([0.05, 0.35, 0.35, 0.17, 0.08]));
      break;
    }
    default: {
      const a = rng.int(26, 50);
      const b = Math.max(20, a + rng.int(-6, 3));
      adult(a, 'male');
      adult(b, 'female');
      children(b, rng.weighted([0.05, 0.35, 0.35, 0.17, 0.08]));
      const g = Math.max(60, a + rng.int(24, 34));
      if (people.length < 8) elder(g, rng.chance(0.6) ? 'female' : 'male');
      if (people.length < 8 && rng.chance(0.45)) elder(Math.max(60, g + rng.int(-4, 4)), otherSex(people[people.length - 1]!.sex));
    }
  }
  return people;
};

/** Once a year, before the annual survey: children come of age, health changes, elders slow down. */
export const ageProfile = (rng: Rng, m: Member, year: number): void => {
  const age = year - m.birthYear;
  if (!m.adult) {
    if (age >= 16) makeAdultProfile(rng, m, age);
    else {
      m.education = childEducation(age);
      if (age >= 6 && m.languages.length === 0) m.languages = mandarin(rng, [0.05, 0.45, 0.5]);
    }
    return;
  }
  if (m.health === 'healthy' && rng.chance(0.03)) {
    m.health = 'chronic-illness';
    if (m.capacity === 'full') m.capacity = 'partial';
  }
  if (age >= 60 && m.capacity === 'full' && rng.chance(0.3)) m.capacity = 'partial';
};

/** The survey's view of a member: exactly the codec's fields. */
export const surveyed = (m: Member): SurveyedMember => {
  const s: SurveyedMember = {
    memberId: m.id, health: m.health, laborCapacity: m.capacity, education: m.education, skills: m.skills,
    languages: m.languages, wantsWork: m.wantsWork, preferredForms: m.preferredForms, preferredPlaces: m.preferredPlaces,
    wantsSelfEmployment: m.wantsSelfEmployment, trainingNeeds: m.trainingNeeds,
  };
  if (m.expectedMonthlyWage !== undefined) s.expectedMonthlyWage = m.expectedMonthlyWage;
  return s;
};

const CAUSE_WEIGHTS = [0.2, 0.08, 0.25, 0.12, 0.1, 0.12, 0.08, 0.03, 0.02];

export const povertyCauses = (rng: Rng, members: readonly Member[]): PovertyCause[] => {
  const causes = new Set<PovertyCause>();
  if (members.some((m) => m.health === 'serious-illness' || m.health === 'chronic-illness') && rng.chance(0.6)) causes.add('illness');
  if (members.some((m) => m.health === 'disabled') && rng.chance(0.6)) causes.add('disability');
  const n = rng.int(1, 3);
  while (causes.size < n) causes.add(POVERTY_CAUSES[rng.weighted(CAUSE_WEIGHTS)] as PovertyCause);
  return [...causes];
};
