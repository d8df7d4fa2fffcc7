import * as E from 'fp-ts/Either';
import { parseCommand, referencePolicy } from '@hearth/domain';
import { importCommands, ImportStoppedError, Ledger } from '@hearth/ledger';

/**
 * An intake service of your own on the ledger: the division tree recorded once, one
 * caseworker's command, then a file of commands imported. What `hearth divisions load`, the
 * HTTP API's POST /api/commands and `hearth import` do, in a few calls.
 */
export const intake = async (storeUrl: string, divisions: unknown, request: unknown, commandsFile: string, now: () => string) => {
  const ledger = await Ledger.open({ storeUrl, policy: referencePolicy, now, actor: 'intake-service' });
  try {
    // The same tree again records nothing; a tree that strands households is refused, naming them.
    const tree = await ledger.recordDivisionTree(divisions, '2016-01-01');
    if (E.isLeft(tree)) return { refusedTree: tree.left.fields.map((f) => f.path) };

    const command = parseCommand(request);
    if (E.isLeft(command)) return { invalid: command.left.fields?.map((f) => f.path) };
    // Decided on the household's cached fold, appended at the version it was folded to, retried on a conflict.
    const result = await ledger.commandHandler().handle(command.right, ledger.context());
    const answer = result.status === 'rejected' ? `rejected ${result.error.code}` : result.status; // or accepted, unchanged, conflict

    // Batched and checkpointed: run again, the same file resumes after its last committed line.
    const summary = await importCommands(ledger, { source: commandsFile }).catch((e: unknown) => {
      if (e instanceof ImportStoppedError) return e.summary; // what was committed before the store failed
      throw e;
    });
    return { answer, imported: summary.accepted, rejectedLines: summary.rejected.map((r) => `${r.line} ${r.code}`), skipped: summary.skipped };
  } finally {
    await ledger.close();
  }
};
