/** Another process is copying the store to the same path now (OnlineCopy.copyTo): its copy is left to it. */
export class CopyInProgressError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`another copy to ${path} is being made now (process ${pid})`);
    this.name = 'CopyInProgressError';
  }
}
