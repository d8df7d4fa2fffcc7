import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Ledger } from '@hearth/ledger';
import { logHead, NoDivisionTreeError, ReadSide } from '@hearth/read-side';
import type { HearthModuleOptions } from '../hearth-module-options';
import { HEARTH_LEDGER, HEARTH_OPTIONS } from '../tokens';
import { ModuleShutDownError } from './module-shut-down-error';

/** ReadModelStatusQuery's answer: `behind = head - position`; `live` while the runner follows the log. */
export interface ReadModelStatus {
  readonly position: number;
  readonly head: number;
  readonly behind: number;
  readonly live: boolean;
}

/**
 * The module's read side and the lifecycle of the ledger under it (decision 0025).
 * The read models are laid out by division, so they open once the store has a division
 * tree: at bootstrap if it has one, else on the first query after one is recorded
 * through the module. Until then report queries reject with NoDivisionTreeError.
 * On shutdown the runner stops and the read models close, then the ledger.
 */
@Injectable()
export class HearthReadSide implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Hearth');
  private opening: Promise<ReadSide> | undefined;
  private liveError: Error | undefined;
  private shutDown = false;

  constructor(
    @Inject(HEARTH_LEDGER) readonly ledger: Ledger,
    @Inject(HEARTH_OPTIONS) private readonly options: HearthModuleOptions,
  ) {}

  /** The store URL the module was configured with. */
  get storeUrl(): string {
    return this.options.store;
  }

  private get follows(): boolean {
    return this.options.follow !== false;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.ledger.divisions) await this.open();
  }

  /** The read side, opened (and following, unless `follow: false`) on first use. Rejects with NoDivisionTreeError while there is no tree. */
  open(): Promise<ReadSide> {
    if (this.shutDown) return Promise.reject(new ModuleShutDownError());
    if (!this.ledger.divisions) return Promise.reject(new NoDivisionTreeError());
    return this.opening ?? this.remember(this.openNow());
  }

  /**
   * The read side with every event appended before the call applied, so a report read
   * after a command includes it (never a silently stale figure).
   */
  async upToDate(): Promise<ReadSide> {
    const side = await this.open();
    if (!this.follows) {
      await side.catchUp();
      return side;
    }
    const { head } = await side.status();
    await side.waitFor(head);
    return side;
  }

  async status(): Promise<ReadModelStatus> {
    if (!this.ledger.divisions) {
      // Nothing is projected without a tree; the log may still hold events (a tree recorded by another process).
      const head = await logHead(this.ledger.store);
      return { position: 0, head, behind: head, live: false };
    }
    const side = await this.open();
    const { position, head } = await side.status();
    return { position, head, behind: head - position, live: this.follows && this.liveError === undefined };
  }

  /** Closes the open read side and opens it again on the ledger's current tree (after a new tree was recorded). */
  async reopen(): Promise<void> {
    if (this.shutDown) throw new ModuleShutDownError();
    const previous = this.opening;
    // Queries that arrive meanwhile wait for the new read side, never the closing one.
    await this.remember(
      (async () => {
        await closeOpened(previous);
        return this.openNow();
      })(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutDown = true;
    const opening = this.opening;
    this.opening = undefined;
    try {
      await closeOpened(opening);
    } finally {
      await this.ledger.close();
    }
  }

  private remember(opening: Promise<ReadSide>): Promise<ReadSide> {
    this.opening = opening;
    // A failed open is not remembered: the next query tries again.
    opening.catch(() => {
      if (this.opening === opening) this.opening = undefined;
    });
    return opening;
  }

  private async openNow(): Promise<ReadSide> {
    this.liveError = undefined;
    const side = await ReadSide.open(this.ledger, {
      onReset: (names) => this.logger.log(`read models rebuilt from the log (new or changed version): ${names.join(', ')}`),
      onLiveError: (error) => {
        this.liveError = error;
        this.logger.error(`the read models stopped following the log: ${error.message}`, error.stack);
      },
    });
    if (!this.follows) return side;
    try {
      await side.follow();
    } catch (e) {
      await side.close();
      throw e;
    }
    return side;
  }
}

const closeOpened = async (opening: Promise<ReadSide> | undefined): Promise<void> => {
  const side = await opening?.catch(() => undefined);
  await side?.close();
};
