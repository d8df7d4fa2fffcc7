import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { Policy } from '@hearth/domain';

export interface HearthModuleOptions {
  /** The ledger's store URL: 'sqlite:PATH' | 'memory:' | 'esdb://host:port?tls=false'. */
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
}

export interface HearthModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: FactoryProvider['inject'];
  readonly useFactory: (...deps: any[]) => HearthModuleOptions | Promise<HearthModuleOptions>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Nest's own factory signature
}
