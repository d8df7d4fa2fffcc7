import { Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PersonalDataStore } from '@hearth/personal-data';
import { ApiError } from '../errors/api-error';
import { personalDataApiError } from './personal-data-error';
import type { PersonalDataOptions } from './personal-data-options';

export const PERSONAL_DATA_OPTIONS = Symbol('PERSONAL_DATA_OPTIONS');

/**
 * The service's one connection to the personal-data store: opened at start-up (a wrong
 * master key stops the start), closed at shutdown. A key read from a file is re-read
 * when another process rotated it, so a rotation by the CLI needs no restart.
 */
export class PersonalDataGateway implements OnModuleDestroy {
  private readonly logger = new Logger('PersonalData');

  private constructor(private readonly store: PersonalDataStore | undefined) {}

  static open(options: PersonalDataOptions | undefined, now: () => string): PersonalDataGateway {
    if (options === undefined) return new PersonalDataGateway(undefined);
    mkdirSync(dirname(options.path), { recursive: true });
    const source = options.masterKey;
    const key = source.read();
    try {
      return new PersonalDataGateway(
        PersonalDataStore.open(options.path, key, { now: () => new Date(now()), ...(source.kind === 'file' ? { reloadMasterKey: () => source.read() } : {}) }),
      );
    } finally {
      key.fill(0);
    }
  }

  /** Runs `f` on the store, its refusals turned into HTTP answers. */
  use<T>(f: (store: PersonalDataStore) => T): T {
    if (this.store === undefined)
      throw new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message: 'the service was started without a master key (HEARTH_MASTER_KEY_FILE or HEARTH_MASTER_KEY): personal data is not available' });
    try {
      return f(this.store);
    } catch (e) {
      const answer = personalDataApiError(e);
      if (answer instanceof ApiError && answer.status >= 500) this.logger.error(answer.body.message);
      throw answer;
    }
  }

  onModuleDestroy(): void {
    this.store?.close();
  }
}
