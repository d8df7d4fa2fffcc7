/**
 * The service in its own process, for the crash test: createApp on a store with the
 * tokens of a file, listening on a free loopback port, printing `{"url"}` as its first
 * line once it listens. Run with tsx from apps/api (decision 0026: explicit injection):
 *   node --require tsx/cjs support/service-process.ts STORE TOKENS_FILE
 */
import { readFileSync } from 'node:fs';
import { createApp } from '../../src/app';

const main = async (): Promise<void> => {
  const [store, tokensFile] = process.argv.slice(-2) as [string, string];
  const app = await createApp({ store, tokens: JSON.parse(readFileSync(tokensFile, 'utf8')), logger: ['error'], rateLimit: { perToken: false, anonymous: false } });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') })}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
