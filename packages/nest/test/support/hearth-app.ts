import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { HouseholdCommand } from '@hearth/domain';
import { HearthModule, HearthModuleOptions, householdBusCommand, HouseholdCommandResult, RecordDivisionTreeCommand } from '../../src';
import { divisions, fixedNow, TREE_DATE } from './region';

/** A temporary directory for a store file, removed by `remove()`. */
export const scratch = (): { dir: string; file: string; store: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-nest-'));
  const file = join(dir, 'hearth.db');
  return { dir, file, store: `sqlite:${file}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export interface HearthApp {
  readonly app: INestApplicationContext;
  readonly commands: CommandBus;
  readonly queries: QueryBus;
  send(command: HouseholdCommand): Promise<HouseholdCommandResult>;
  /** Sends each command and fails on the first that is not accepted. */
  record(commands: readonly HouseholdCommand[]): Promise<void>;
  recordTree(): Promise<void>;
}

export const hearthApp = async (options: Partial<HearthModuleOptions> & { store: string }): Promise<HearthApp> => {
  const app = await NestFactory.createApplicationContext(HearthModule.forRoot({ now: fixedNow, ...options }), { logger: ['error', 'warn'] });
  return hearthAppOf(app);
};

export const hearthAppOf = (app: INestApplicationContext): HearthApp => {
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const send = (command: HouseholdCommand) => commands.execute(householdBusCommand(command));
  return {
    app,
    commands,
    queries,
    send,
    record: async (list) => {
      for (const c of list) {
        const result = await send(c);
        if (result.status !== 'accepted') throw new Error(`${c.type} of ${c.householdId} was not accepted: ${JSON.stringify(result)}`);
      }
    },
    recordTree: async () => {
      const result = await commands.execute(new RecordDivisionTreeCommand(divisions, TREE_DATE));
      if (result._tag === 'Left') throw new Error(`the test tree was refused: ${JSON.stringify(result.left)}`);
    },
  };
};
