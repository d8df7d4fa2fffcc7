import { EVENT_TYPES, type EventType } from './events';
import { STATUSES, type Status } from './state';

/**
 * The household's status after an event of type `type`, from `current` (domain.md §4
 * "Status"): the one home of the status rule. The fold (`evolve`) applies it to every event;
 * the read models apply it to the status events they keep (@hearth/projections'
 * household-status projection and timelines), so a status read from either is the same.
 * A survey is the one event whose result depends on the status before it: it makes only a
 * registered household surveyed.
 */
export const statusAfter = (current: Status, type: EventType): Status => {
  switch (type) {
    case 'HouseholdRegistered':
      return 'registered';
    case 'HouseholdSurveyed':
      return current === 'registered' ? 'surveyed' : current;
    case 'IdentificationApplied':
      return 'applied';
    case 'ApplicationWithdrawn':
    case 'ApplicationRejected':
      return 'surveyed';
    case 'HouseholdIdentified':
    case 'HouseholdRelapsed':
      return 'identified';
    case 'HouseholdCleared':
      return 'cleared';
    case 'HouseholdExempted':
      return 'exempted';
    case 'HouseholdWithdrew':
      return 'withdrawn';
    case 'HouseholdDeregistered':
      return 'deregistered';
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'WillingnessDeclared':
    case 'WillingnessWithdrawn':
    case 'TrainingOffered':
    case 'TrainingAccepted':
    case 'TrainingDeclined':
    case 'MemberTrained':
    case 'TrainingLeft':
    case 'MemberReferred':
    case 'ReferralAccepted':
    case 'ReferralDeclined':
    case 'MemberEmployed':
    case 'IncomeRecorded':
    case 'EmploymentEnded':
    case 'FollowUpVisited':
    case 'LaborConcernRaised':
    case 'LaborConcernResolved':
    case 'HouseholdTransferred':
    // A correction corrects data, never a type or a date (decision 117): no status.
    case 'EventCorrected':
      return current;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
};

/** The event types that change a household's status from some status (`statusAfter`): what a reader of statuses follows. */
export const STATUS_EVENTS: readonly EventType[] = EVENT_TYPES.filter((type) => STATUSES.some((s) => statusAfter(s, type) !== s));

/**
 * The status events whose result depends on the status before them (today a survey, which
 * makes only a registered household surveyed), read off `statusAfter`: every other one sets
 * its status whatever the one before, so a status at a date is the latest of those dated on
 * or before it, in log order, followed by these after it (docs/decisions/0164).
 */
export const STATUS_READING_EVENTS: readonly EventType[] = STATUS_EVENTS.filter((type) => new Set(STATUSES.map((s) => statusAfter(s, type))).size > 1);
