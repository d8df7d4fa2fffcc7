/** How the direct computation reads the log: its page size, and a call after each page is read (its last position), for progress. */
export interface LogReadOptions {
  readonly pageSize?: number;
  readonly onPage?: (position: number) => void;
}
