import { HouseholdCommand } from './commands';
import { DecisionContext } from './context';
import { Decision } from './decision';
import { alreadyApplied, factRepeat, idRepeat, notBackdated, statusChangeInOrder, streamOpen } from './guards';
import { deregisterHousehold, exemptHousehold, withdrawFromProgramme } from './rules/exits';
import { clearHousehold, recordRelapse } from './rules/clearance';
import { correctEvent } from './rules/correction';
import { endEmployment, recordEmployment, recordIncome } from './rules/employment';
import { recordFollowUp, resolveLaborConcern } from './rules/follow-up';
import { applyForIdentification, identifyHousehold, rejectApplication, withdrawApplication } from './rules/identification';
import { answerReferral, referToJob } from './rules/referrals';
import { addMember, registerHousehold, removeMember } from './rules/registration';
import { transferHousehold } from './rules/transfer';
import { declareWillingness, surveyHousehold, withdrawWillingness } from './rules/survey';
import { answerTraining, finishTraining, offerTraining } from './rules/training';
import { HouseholdState } from './state';
import { recordedBy } from './recorded-by';
import { subjectInOrder } from './subject-in-order';


const rules = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext): Decision => {
  switch (c.type) {
    case 'RegisterHousehold': return registerHousehold(c, s, ctx);
    case 'AddMember': return addMember(c, s);
    case 'RemoveMember': return removeMember(c, s);
    case 'SurveyHousehold': return surveyHousehold(c, s);
    case 'ApplyForIdentification': return applyForIdentification(c, s);
    case 'WithdrawApplication': return withdrawApplication(c, s);
    case 'IdentifyHousehold': return identifyHousehold(c, s, ctx);
    case 'RejectApplication': return rejectApplication(c, s);
    case 'DeclareWillingness': return declareWillingness(c, s);
    case 'WithdrawWillingness': return withdrawWillingness(c, s);
    case 'OfferTraining': return offerTraining(c, s, ctx);
    case 'AcceptTraining':
    case 'DeclineTraining': return answerTraining(c, s);
    case 'CompleteTraining':
    case 'LeaveTraining': return finishTraining(c, s);
    case 'ReferToJob': return referToJob(c, s, ctx);
    case 'AcceptReferral':
    case 'DeclineReferral': return answerReferral(c, s);
    case 'RecordEmployment': return recordEmployment(c, s, ctx);
    case 'RecordIncome': return recordIncome(c, s);
    case 'EndEmployment': return endEmployment(c, s);
    case 'ClearHousehold': return clearHousehold(c, s);
    case 'RecordFollowUp': return recordFollowUp(c, s);
    case 'ResolveLaborConcern': return resolveLaborConcern(c, s);
    case 'RecordRelapse': return recordRelapse(c, s);
    case 'ExemptHousehold': return exemptHousehold(c, s);
    case 'WithdrawFromProgramme': return withdrawFromProgramme(c, s);
    case 'DeregisterHousehold': return deregisterHousehold(c);
    case 'TransferHousehold': return transferHousehold(c, s, ctx);
    case 'CorrectEvent': return correctEvent(decide)(c, s, ctx);
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
};

/**
 * decide(command, state, context) → the events to append, or the first rule it breaks. The
 * guards run first, in domain.md §4's order (the codec, check 1, ran at the edge that built
 * `command`; a date after the day of recording, its one check that needs the context, comes
 * after a retry is recognised: docs/decisions/0135), and a change of status back-dated past
 * the latest one, or an answer, end or resolution back-dated past what it answers, ends or
 * resolves, is refused after the command's own rules say what it changes (docs/decisions/0117,
 * 0129); written out rather than a loop over an array of them, so that each call site calls
 * one function and the compiler may inline it.
 */
export function decide(command: HouseholdCommand, state: HouseholdState, ctx: DecisionContext): Decision {
  return (
    alreadyApplied(command, state, ctx) ??
    recordedBy(command, ctx) ??
    streamOpen(command, state, ctx) ??
    idRepeat(command, state, ctx) ??
    factRepeat(command, state, ctx) ??
    notBackdated(command, state, ctx) ??
    statusChangeInOrder(command, state, subjectInOrder(command, state, rules(command, state, ctx)))
  );
}
