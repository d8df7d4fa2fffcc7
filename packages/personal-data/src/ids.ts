import { IdC } from '@hearth/domain';
import { PersonalDataError } from './errors';

/**
 * Household and member ids are the ledger's own pseudonymous ids (domain.md §4), the
 * only link between the two stores; validating them with the domain's codec keeps a
 * name or a phone number from being smuggled in as a key, which would sit in clear text.
 */
export const assertId = (field: 'householdId' | 'memberId', value: unknown): string => {
  if (!IdC.is(value)) throw new PersonalDataError('INVALID_ID', `${field} must be ${IdC.name}`, field);
  return value;
};
