/** The enumerations of domain.md §4 "Field types", exactly as listed there. */
export const SEXES = ['female', 'male'] as const;
export const HEALTH = ['healthy', 'chronic-illness', 'disabled', 'serious-illness'] as const;
export const LABOR_CAPACITIES = ['full', 'partial', 'none'] as const;
export const EDUCATION_LEVELS = ['none', 'primary', 'junior-secondary', 'senior-secondary', 'vocational', 'tertiary'] as const;
export const LANGUAGE_LEVELS = ['basic', 'conversational', 'fluent'] as const;
export const POVERTY_CAUSES = [
  'illness', 'disability', 'lack-of-skills', 'lack-of-labour', 'lack-of-land',
  'lack-of-capital', 'education-costs', 'disaster', 'other',
] as const;
export const EMPLOYMENT_FORMS = ['enterprise', 'flexible', 'self-employed', 'assisted'] as const;
export const PLACES = ['local', 'in-region', 'out-of-region'] as const;
export const TRAINING_KINDS = ['vocational', 'language', 'entrepreneurship', 'order-based'] as const;
export const EMPLOYMENT_END_REASONS = ['contract-ended', 'seasonal-end', 'quit', 'dismissed', 'returned-home', 'other'] as const;
export const LABOR_CONCERN_INDICATORS = [
  'documents-retained', 'wages-withheld', 'excessive-hours', 'movement-restricted',
  'deception', 'debt', 'threats', 'isolation',
] as const;
export const CONCERN_OUTCOMES = ['unfounded', 'remedied', 'employment-ended'] as const;
export const DEREGISTRATION_REASONS = ['moved', 'deceased', 'no-longer-poor', 'data-error'] as const;

export type Sex = (typeof SEXES)[number];
export type LaborCapacity = (typeof LABOR_CAPACITIES)[number];
export type EmploymentForm = (typeof EMPLOYMENT_FORMS)[number];
export type Place = (typeof PLACES)[number];
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export type EmploymentEndReason = (typeof EMPLOYMENT_END_REASONS)[number];
export type LaborConcernIndicator = (typeof LABOR_CONCERN_INDICATORS)[number];
