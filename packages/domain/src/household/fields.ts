import * as t from 'io-ts';
import { boundedArray, IdC, MoneyC, oneOf, TextC } from '../codec/primitives';
import * as V from './vocabulary';

/**
 * Field sets shared by a command and the event that records it: the event stores what
 * the command decided, so the two must never drift apart.
 */
export const trainingOfferFields = {
  trainingId: IdC,
  memberId: IdC,
  kind: oneOf(V.TRAINING_KINDS),
  title: TextC,
  provider: TextC,
};

export const referralFields = {
  referralId: IdC,
  memberId: IdC,
  employer: TextC,
  position: TextC,
  place: oneOf(V.PLACES),
  form: oneOf(V.EMPLOYMENT_FORMS),
  offeredMonthlyWage: MoneyC,
};

export const employmentFields = {
  employmentId: IdC,
  memberId: IdC,
  form: oneOf(V.EMPLOYMENT_FORMS),
  place: oneOf(V.PLACES),
  monthlyIncome: MoneyC,
  contractSigned: t.boolean,
};
export const employmentOptionalFields = { employer: TextC, referralId: IdC };

export const followUpFields = {
  visitId: IdC,
  findings: TextC,
  stillEmployed: t.boolean,
  laborConcerns: boundedArray(oneOf(V.LABOR_CONCERN_INDICATORS), V.LABOR_CONCERN_INDICATORS.length),
};
