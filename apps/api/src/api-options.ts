import type { LogLevel } from '@nestjs/common';
import type { RateLimitSettings } from './limits/rate-limit-settings';
import type { Policy } from '@hearth/domain';
import type { TokenEntry } from './auth/token-entry';
import type { PersonalDataOptions } from './personal-data/personal-data-options';

/** What createApp needs (docs/http-api.md describes the service it makes). */
export interface ApiOptions {
  /** The ledger's store URL: 'sqlite:PATH' | 'memory:' | 'kurrentdb://…' (or 'esdb://…'). */
  readonly store: string;
  /** `sqlite:PATH` of the read models' own file (HEARTH_READ_MODELS; docs/decisions/0058). Default: the store's own file, else memory. */
  readonly readModels?: string;
  readonly tokens: readonly TokenEntry[];
  readonly policy?: Policy;
  /** System time as an ISO string (tests inject it). */
  readonly now?: () => string;
  /** Largest request body, e.g. '1mb' (default). */
  readonly bodyLimit?: string;
  /** Largest number of commands in one POST /api/commands/batch (default 1000). */
  readonly maxBatch?: number;
  /** Members' personal data: its file and master key (`personalDataOptionsFromEnv`); without it those routes answer 503. */
  readonly personalData?: PersonalDataOptions;
  /** Nest's logger levels, or false for none (default: log, warn, error). */
  readonly logger?: false | LogLevel[];
  /** Requests per second and burst, per token and per address (default: from HEARTH_RATE_LIMIT and HEARTH_RATE_LIMIT_ANONYMOUS, else DEFAULT_RATE_LIMITS). */
  readonly rateLimit?: RateLimitSettings;
  /** Asked between two pages of the read models' catch-up at start (HearthModuleOptions.stopRequested): a signal stops a long one. */
  readonly stopRequested?: () => boolean;
}

export const DEFAULT_BODY_LIMIT = '1mb';
export const DEFAULT_MAX_BATCH = 1000;

/** Injection tokens of the API's own settings. */
export const BODY_LIMIT = Symbol('BODY_LIMIT');
export const MAX_BATCH = Symbol('MAX_BATCH');
export const CLOCK = Symbol('CLOCK');
