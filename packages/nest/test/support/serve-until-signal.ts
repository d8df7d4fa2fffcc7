/**
 * A child process for the lifecycle test: an HTTP application embedding HearthModule
 * with `enableShutdownHooks()`, run through tsx (so without decorator metadata, as the
 * executables run). It records a tree and a household, prints the read models' status
 * as one JSON line, and serves until a signal ends it.
 */
import { NestFactory } from '@nestjs/core';
import { ClearanceReportQuery, HearthModule, ReadModelStatusQuery } from '../../src';
import { hearthAppOf } from './hearth-app';
import { identification } from './region';

const main = async (): Promise<void> => {
  const store = process.argv[2];
  if (!store) throw new Error('usage: serve-until-signal STORE_URL');
  const app = await NestFactory.create(HearthModule.forRoot({ store }), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const hearth = hearthAppOf(app);
  await hearth.recordTree();
  await hearth.record(identification('hh-s'));
  // A report waits until the read models have the household; the status is read after it.
  await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }));
  process.stdout.write(`${JSON.stringify(await hearth.queries.execute(new ReadModelStatusQuery()))}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
