import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as E from 'fp-ts/Either';
import type { ApiOptions } from './api-options';
import { AppModule } from './app.module';
import { parseTokenFile } from './auth/token-entry';

export type { ApiOptions } from './api-options';
export type { TokenEntry } from './auth/token-entry';

/**
 * The HTTP service, ready to `listen`: the caller (main.ts, a test) picks the port and
 * enables shutdown hooks. The tokens are checked again here, so a hand-built list with
 * a caseworker missing a division or a token listed twice fails at once, not at a request.
 */
export const createApp = async (options: ApiOptions): Promise<INestApplication> => {
  if (options.tokens.length > 0) {
    const checked = parseTokenFile(options.tokens);
    if (E.isLeft(checked)) throw new Error(`invalid tokens: ${checked.left.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  }
  const app = await NestFactory.create(AppModule.forRoot(options), { bodyParser: false, abortOnError: false, logger: serviceLogger(options.logger) });
  const http = app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void };
  http.disable?.('x-powered-by');
  return app;
};

/**
 * Nest's console logger at the levels asked, coloured only on a terminal: a service's log
 * usually goes to a file or a journal, where colour codes are bytes in every line that each
 * reader has to strip (Nest colours unless NO_COLOR is set, wherever its output goes).
 */
const serviceLogger = (levels: false | LogLevel[] | undefined): false | ConsoleLogger =>
  levels === false ? false : new ConsoleLogger({ logLevels: levels ?? ['log', 'warn', 'error'], colors: process.stdout.isTTY === true });
