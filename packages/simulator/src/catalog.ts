import { EmploymentForm, Place, TrainingKind } from '@hearth/domain';

/** Fixed vocabularies of free-text fields the simulator writes (titles, positions, findings …). */

export const SKILLS = [
  'farming', 'animal husbandry', 'construction', 'cooking', 'sewing', 'driving', 'electrical work', 'handicrafts',
  'caregiving', 'welding', 'masonry', 'e-commerce', 'food processing', 'machine operation', 'cleaning',
] as const;

export const TRAINING_TITLES: Readonly<Record<TrainingKind, readonly string[]>> = {
  vocational: [
    'Industrial sewing machine operation', 'Construction safety and masonry', 'Cooking and food hygiene',
    'Electrical installation basics', 'Elderly and child care', 'Forklift and warehouse operation', 'Welding, level 1',
  ],
  language: ['Workplace Mandarin, basic', 'Workplace Mandarin, intermediate', 'Reading contracts and pay slips'],
  entrepreneurship: ['Starting a small business', 'Selling farm products online', 'Bookkeeping for household businesses'],
  'order-based': ['Order-based training: garment line', 'Order-based training: food factory', 'Order-based training: property services'],
};

export const PROVIDERS = [
  'county vocational training centre', 'prefecture technical school', 'township adult school', 'employer training unit',
  'county human resources office',
] as const;

export const POSITIONS: Readonly<Record<EmploymentForm, readonly string[]>> = {
  enterprise: ['production line worker', 'warehouse packer', 'sewing operator', 'kitchen assistant', 'security guard', 'machine operator'],
  flexible: ['seasonal fruit picker', 'construction labourer', 'cotton field worker', 'delivery driver', 'day labourer'],
  'self-employed': ['market stall', 'small livestock farm', 'tailoring workshop', 'repair shop', 'online shop'],
  assisted: ['village road maintenance (public-welfare post)', 'forest ranger (public-welfare post)', 'village cleaner (public-welfare post)', 'care assistant (public-welfare post)'],
};

/** Typical monthly wages by place (yuan), as [low, high]. */
export const WAGE_RANGE: Readonly<Record<Place, readonly [number, number]>> = {
  local: [1200, 2800],
  'in-region': [1800, 3800],
  'out-of-region': [2600, 5200],
};
export const ASSISTED_WAGE: readonly [number, number] = [800, 1500];

export const TRAINING_DECLINE_REASONS = ['caring for a family member', 'farm work this season', 'too far from home', 'not interested in this trade', 'health'] as const;
export const REFERRAL_DECLINE_REASONS = [
  'too far from home', 'wage too low', 'caring for children', 'caring for an elderly parent', 'prefers farm work this season',
  'not suited to the work', 'health', 'already has other plans',
] as const;
export const TRAINING_LEAVE_REASONS = ['found work during the course', 'family duties', 'illness', 'course too difficult'] as const;
export const FINDINGS_OK = [
  'working regularly, wages paid on time', 'member in work, contract seen', 'visited at workplace, conditions normal',
  'phone follow-up with member and employer, no issues', 'household reports stable income',
] as const;
export const FINDINGS_IDLE = ['member between jobs, looking for work', 'seasonal work over, waiting for next season', 'member at home, job search ongoing'] as const;
export const FINDINGS_CONCERN = [
  'member reports wages paid late', 'long shifts reported by member', 'employer holds identity card "for safekeeping"',
  'member reports a recruitment fee deducted from wages', 'member cannot leave dormitory freely',
] as const;
export const RESOLUTION_REASONS = {
  unfounded: 'checked with employer and member; no indicator confirmed',
  remedied: 'employer corrected the practice; confirmed on a second visit',
  'employment-ended': "member left the job with the agency's help",
} as const;
export const RELAPSE_REASONS = ['employment ended; no household member in work', 'seasonal work ended and no new work found', 'member returned home; no other income from work'] as const;
export const WITHDRAW_REASONS = ['household asked to leave the programme', 'household prefers to farm its own land', 'household moved to live with relatives'] as const;
export const EXEMPT_PROGRAMMES = ['minimum living guarantee', 'disability assistance programme', 'relocation programme', 'elderly care subsidy'] as const;
export const REJECT_REASONS = ['no member able and willing to work', 'income above the programme threshold'] as const;
export const REMOVE_REASONS_ELDER = ['deceased'] as const;
export const REMOVE_REASONS_YOUNG = ['moved out after marriage', 'moved away for study', 'moved to another household'] as const;
