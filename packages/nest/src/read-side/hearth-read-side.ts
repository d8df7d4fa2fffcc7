import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { DivisionTree } from '@hearth/domain';
import type { Ledger } from '@hearth/ledger';
import { exclusiveRebuildWouldHelp, isLogFinding, ReportAsideClosedError } from '@hearth/projections';
import type { AsideReport, CutReport, ReportAnswer, ReportCall, ReportCut, Reports } from '@hearth/projections';
import { NoDivisionTreeError, ReadSide } from '@hearth/read-side';
import type { HearthModuleOptions } from '../hearth-module-options';
import { HEARTH_LEDGER, HEARTH_OPTIONS } from '../tokens';
import { catchUpLog } from './catch-up-log';
import { StartStoppedError } from './start-stopped-error';
import { ModuleShutDownError } from './module-shut-down-error';
import { LiveFollower, type ReadModelLiveness } from './live-follower';
import { syncedTreeScope } from './synced-tree-scope';

export type { ReadModelLiveness } from './live-follower';

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
  private shutDown = false;
  private readonly live: LiveFollower;
  /** The ledger's tree when the open read side was opened: its read models are laid out by it. */
  private openedUnder: DivisionTree | undefined;
  /** The one `syncTree()` under way, which concurrent callers share. */
  private syncing: Promise<void> | undefined;

  constructor(
    @Inject(HEARTH_LEDGER) readonly ledger: Ledger,
    @Inject(HEARTH_OPTIONS) private readonly options: HearthModuleOptions,
  ) {
    this.live = new LiveFollower(this.logger, options.now ?? (() => new Date().toISOString()), () => this.shutDown);
  }

  /** The store URL the module was configured with. */
  get storeUrl(): string {
    return this.options.store;
  }

  private get follows(): boolean {
    return this.options.follow !== false;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.ledger.divisions) return;
    try {
      await this.open();
    } catch (e) {
      // A damaged stored event, or read models built from events the log has lost, must not keep
      // the service from starting: an auditor verifies through it, and every read meets the same
      // finding again and answers DAMAGED_LOG (decision 13). A failed open is not remembered
      // (remember), so a read after the repair (or a rebuild) opens afresh.
      if (!isLogFinding(e)) throw e;
      this.live.failed(e);
      this.logger.error(`the read models cannot be brought up to date: ${e.message}; reports refuse until the log is repaired or the read models rebuilt (run \`hearth verify\`)`);
    }
  }

  /** The read side, opened (and following, unless `follow: false`) on first use. Rejects with NoDivisionTreeError while there is no tree. */
  open(): Promise<ReadSide> {
    if (this.shutDown) return Promise.reject(new ModuleShutDownError());
    if (!this.ledger.divisions) return Promise.reject(new NoDivisionTreeError());
    return this.opening ?? this.remember(this.openNow());
  }

  /**
   * Runs `f` on the reports once the read models have taken in every event appended
   * before the call (`ReadSide.read`: one consistent snapshot), so a report asked after
   * a command counts it — never a silently stale figure.
   */
  async read<T>(f: (reports: Reports) => T): Promise<T> {
    await this.syncTree();
    return (await this.open()).read(f);
  }

  /** `read`, with the position of its one snapshot (`ReadSide.readStanding`): several reports of one log, and which. */
  async readStanding<T>(f: (reports: Reports) => T): Promise<{ value: T; position: number }> {
    await this.syncTree();
    return (await this.open()).readStanding(f);
  }

  /**
   * Several cuts of one analyst's answer read in one snapshot, and its position
   * (`ReadSide.readAsideCuts`); read again on the new read side if a new tree reopened it meanwhile.
   */
  async readAsideCuts(call: ReportCall<CutReport>, cuts: readonly ReportCut[]): Promise<{ value: object[]; position: number }> {
    await this.syncTree();
    for (;;) {
      const side = await this.open();
      try {
        return await side.readAsideCuts(call, cuts);
      } catch (e) {
        if (!(e instanceof ReportAsideClosedError) || this.shutDown || this.opening === undefined || (await this.open()) === side) throw e;
      }
    }
  }

  /**
   * `read`, remembered by `key` at the position it was read at (`ReadSide.readRemembered`):
   * for the reads that cost much and are asked again unchanged. The answer is shared between
   * callers, who must not change it.
   */
  async readRemembered<T>(key: string, f: (reports: Reports) => T): Promise<T> {
    await this.syncTree();
    return (await this.open()).readRemembered(key, f);
  }

  /**
   * `call` read in the read side's report worker (`ReadSide.readAside`, docs/decisions/0112):
   * for a report that takes seconds, so that this thread answers other requests meanwhile.
   * A read under way when a new tree reopens the read side is read again on the new one.
   * With `cut`, only those rows of the whole tree's suppressed tables (ReportCut).
   */
  async readAside<N extends AsideReport>(call: ReportCall<N>): Promise<ReportAnswer<N>>;
  async readAside(call: ReportCall<CutReport>, cut: ReportCut): Promise<object>;
  async readAside(call: ReportCall, cut?: ReportCut): Promise<unknown> {
    await this.syncTree();
    for (;;) {
      const side = await this.open();
      try {
        return await (cut === undefined ? side.readAside(call) : side.readAside(call as ReportCall<CutReport>, cut));
      } catch (e) {
        if (!(e instanceof ReportAsideClosedError) || this.shutDown || this.opening === undefined || (await this.open()) === side) throw e;
      }
    }
  }

  /**
   * Takes in a division tree another process recorded since (a `hearth divisions load`
   * beside the running service: `Ledger.refreshDivisions`, one version read when nothing
   * changed) and, if the open read side stands on an older tree, reopens it on the new
   * one. Every report query does this first, so no report is answered under a tree the
   * store has replaced; the API does it before every request (docs/decisions/0084).
   */
  syncTree(): Promise<void> {
    if (this.shutDown) return Promise.reject(new ModuleShutDownError());
    if (syncedTreeScope.covers(this.ledger)) return Promise.resolve();
    this.syncing ??= this.syncNow().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /**
   * Syncs the tree once, then runs `f` as work that has: inside it, `syncTree()` and the
   * command executor do not read the division stream's version again. The API wraps each
   * request in it (FreshTreeMiddleware), so a request costs one version read.
   */
  async withSyncedTree<T>(f: () => T): Promise<T> {
    await this.syncTree();
    return syncedTreeScope.run(this.ledger, f);
  }

  private async syncNow(): Promise<void> {
    await this.ledger.refreshDivisions();
    if (this.opening !== undefined && this.openedUnder !== this.ledger.divisions) await this.reopen();
  }

  async status(): Promise<ReadModelStatus> {
    await this.syncTree();
    if (!this.ledger.divisions) {
      // Nothing is projected without a tree; the log may still hold events (a tree recorded by another process).
      const head = await this.ledger.store.headPosition();
      return { position: 0, head, behind: head, live: false };
    }
    const side = await this.open();
    const { position, head } = await side.status();
    return { position, head, behind: head - position, live: this.follows && this.live.healthy };
  }

  liveness(): ReadModelLiveness {
    return this.live.liveness(this.follows);
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
    this.live.cancel();
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
    this.openedUnder = this.ledger.divisions;
    this.live.reset();
    const logged = catchUpLog(this.logger, { couldBeExclusive: exclusiveRebuildWouldHelp(this.ledger.store, this.options.readModels) });
    const side: ReadSide = await ReadSide.open(this.ledger, {
      ...(this.options.readModels !== undefined ? { readModels: this.options.readModels } : {}),
      onProgress: (p) => {
        logged(p);
        // Thrown between two pages (the runner calls this after a page commits): the catch-up stops there.
        if (this.options.stopRequested?.() === true) throw new StartStoppedError(p.position);
      },
      onReset: (names) => this.logger.log(`read models rebuilt from the log (new or changed version): ${names.join(', ')}`),
      onLiveError: (error) => {
        this.live.failed(error);
        this.logger.error(`the read models stopped following the log: ${error.message}; restarting from their checkpoint`, error.stack);
        this.live.restartAfter(side);
      },
    });
    if (!this.follows) return side;
    try {
      await side.follow();
    } catch (e) {
      await side.close();
      throw e;
    }
    this.live.following(side);
    return side;
  }
}

const closeOpened = async (opening: Promise<ReadSide> | undefined): Promise<void> => {
  const side = await opening?.catch(() => undefined);
  await side?.close();
};
