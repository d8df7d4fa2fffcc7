import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { Policy } from '@hearth/domain';

export interface HearthModuleOptions {
  /** The ledger's store URL: 'sqlite:PATH' | 'memory:' | 'kurrentdb://host:port?tls=false' (or 'esdb://…'). */
  readonly store: string;
  /** Default: referencePolicy from @hearth/domain. */
  readonly policy?: Policy;
  /** System clock as an ISO 8601 string (recordedAt); tests inject one. Default: the wall clock. */
  readonly now?: () => string;
  /**
   * Default true: the projection runner follows the log live from the application's
   * bootstrap and is stopped on shutdown. With false, every report query first catches
   * the read models up (what the CLI does).
   */
  readonly follow?: boolean;
  /**
   * `sqlite:PATH`: the read models live in that file of their own (docs/decisions/0058),
   * which a `hearth project` process may keep too. Default: the store's own file (SQLite),
   * else a private in-memory database replayed from the log at start.
   */
  readonly readModels?: string;
  /**
   * Asked after each page of the read models' catch-up when they open (at bootstrap, and
   * on the first query after a tree is recorded): true stops it there with
   * StartStoppedError, the pages written kept. A process stopped by a signal while a long
   * catch-up runs (minutes at the full region) then exits after one page, not at its end.
   */
  readonly stopRequested?: () => boolean;
}

export interface HearthModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: FactoryProvider['inject'];
  readonly useFactory: (...deps: any[]) => HearthModuleOptions | Promise<HearthModuleOptions>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Nest's own factory signature
}
