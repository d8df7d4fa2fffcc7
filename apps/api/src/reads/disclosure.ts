import { suppress, type ServiceBacklog } from '@hearth/projections';
import type { Principal } from '../auth/principal';

/** domain.md §5 disclosure control: a table served outside the caseworker and auditor roles has its small counts suppressed. */
export const disclose = <T extends object>(principal: Principal, table: T, suppressBelow: number): object =>
  principal.role === 'analyst' ? suppress(table, suppressBelow) : table;

/**
 * The backlog lists households by id, which is case-level data: an analyst gets each
 * list's length instead, under the same disclosure control (docs/decisions/0028).
 */
export const backlogFor = (principal: Principal, backlog: ServiceBacklog, suppressBelow: number): object => {
  if (principal.role !== 'analyst') return backlog;
  const counts = Object.fromEntries(Object.entries(backlog).map(([k, v]) => [k, Array.isArray(v) ? v.length : v]));
  return suppress(counts, suppressBelow);
};
