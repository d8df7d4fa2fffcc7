import type { HouseholdCommand } from '@hearth/domain';
import type { Ledger } from '@hearth/ledger';

/** Records `commands` in order through the ledger's command handler; a refused one fails the test's set-up, naming it. */
export const recordCommands = async (ledger: Ledger, commands: readonly HouseholdCommand[]): Promise<void> => {
  const handler = ledger.commandHandler();
  for (const c of commands) {
    const r = await handler.handle(c, ledger.context());
    if (r.status !== 'accepted') throw new Error(`command refused: ${JSON.stringify(r)}`);
  }
};
