import type { Reports } from '../reports/reports';

/** The reports a worker thread reads: each asked with plain data and answering plain data, which cross a thread as they are. */
export const ASIDE_REPORTS = ['backlogReport', 'clearanceReport', 'monthlyReport', 'progressReport', 'householdStatuses', 'suppressedClearanceYear', 'suppressedProgress'] as const;
export type AsideReport = (typeof ASIDE_REPORTS)[number];

/** One call of a report, as data: its name and its arguments. */
export type ReportCall<N extends AsideReport = AsideReport> = { readonly report: N; readonly args: Readonly<Parameters<Reports[N]>> };
export type ReportAnswer<N extends AsideReport> = ReturnType<Reports[N]>;

export const isAsideReport = (name: unknown): name is AsideReport => (ASIDE_REPORTS as readonly unknown[]).includes(name);

/** Makes `call` on `reports`. (TypeScript cannot see a generic report's arguments as a list; ReportCall ties them to it.) */
export const callReport = <N extends AsideReport>(reports: Reports, call: ReportCall<N>): ReportAnswer<N> =>
  Reflect.apply(reports[call.report], reports, call.args as unknown as ArrayLike<unknown>) as ReportAnswer<N>;
