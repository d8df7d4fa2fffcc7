import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AsideReply, AsideRequest, AsideWorkerData, reviveError } from './aside-messages';
import type { AsideReport, ReportAnswer, ReportCall } from './report-call';
import type { CutReport, ReportCut } from './report-cut';

const WORKER_ENTRY = join(__dirname, 'report-worker.js');

/** A read asked of a report worker that was closed (the read models are closing). */
export class ReportAsideClosedError extends Error {
  constructor() {
    super('the report worker was closed before it answered');
    this.name = 'ReportAsideClosedError';
  }
}

interface Pending {
  resolve(answer: { value: unknown; position: number } | undefined): void;
  reject(e: Error): void;
}

/**
 * Reads reports in a worker thread with its own read-only connection to the read models'
 * file (docs/decisions/0112): a report that takes seconds (the root's backlog at the full
 * region) then takes them on the other core, and the thread that answers every other
 * request and appends every command goes on answering them.
 *
 * One worker, started at the first read and kept; its reads run one after another. It
 * keeps the process alive only while a read is under way. If it dies, the reads waiting
 * on it fail, and the next read starts another.
 */
export class ReportAside {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(private readonly data: AsideWorkerData) {}

  /**
   * `call`, read in one snapshot in which every projection stands at one position, at
   * least `atLeast`: the answer and that position, or `undefined` when the read models do
   * not stand there (behind, or reset by a rebuild elsewhere: catch up and ask again).
   * With `cut`, only those rows of the answer (ReportCut); with several cuts, each one's rows,
   * in their order, all of the one answer read at that position (an export's total and its
   * children's rows: decision 0162).
   */
  read<N extends AsideReport>(atLeast: number, call: ReportCall<N>): Promise<{ value: ReportAnswer<N>; position: number } | undefined>;
  read(atLeast: number, call: ReportCall<CutReport>, cut: ReportCut): Promise<{ value: object; position: number } | undefined>;
  read(atLeast: number, call: ReportCall<CutReport>, cuts: readonly ReportCut[]): Promise<{ value: object[]; position: number } | undefined>;
  read(atLeast: number, call: ReportCall, cut?: ReportCut | readonly ReportCut[]): Promise<{ value: unknown; position: number } | undefined> {
    if (this.closed) return Promise.reject(new ReportAsideClosedError());
    const worker = this.worker ?? this.start();
    const request: AsideRequest = { id: this.nextId++, atLeast, call, ...(cut !== undefined ? { cut } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve: resolve as Pending['resolve'], reject });
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** Stops the worker; reads still waiting fail with ReportAsideClosedError. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.failAll(new ReportAsideClosedError());
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_ENTRY, { workerData: this.data });
    worker.on('message', (reply: AsideReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(reviveError(reply.error));
      else waiting.resolve(reply.answer);
    });
    const lost = (e: Error): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(e);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the report worker stopped (exit code ${code}) before it answered`)));
    this.worker = worker;
    return worker;
  }

  private failAll(e: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(e);
    this.pending.clear();
  }
}
