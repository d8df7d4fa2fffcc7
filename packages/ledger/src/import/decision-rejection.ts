import type { DomainError } from '@hearth/domain';
import type { BatchDecision } from '@hearth/event-store';
import type { PendingLine } from './checkpoint-split';
import { rejectedLine, type RejectedLine } from './rejected-line';
import { tooLargeLine } from './too-large-line';

/**
 * What the summary and the checkpoint keep of a line the batch handler decided: nothing for
 * a line that appended or was already recorded, else its rejection (the ledger's refusal, or
 * the store's append limit: decision 152). A conflict is not a decision of the line; the
 * importer words it itself.
 */
export const rejectionOf = (d: BatchDecision<DomainError>, p: PendingLine): RejectedLine[] => {
  switch (d.status) {
    case 'accepted':
    case 'unchanged':
      return [];
    case 'rejected':
      return [rejectedLine(p, d.error)];
    case 'too-large':
      return [tooLargeLine(p, d.refusal)];
    default: {
      const unreachable: never = d;
      return unreachable;
    }
  }
};
