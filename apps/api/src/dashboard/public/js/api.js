// Calls the Hearth HTTP API on this origin with the viewer's token.
import { token } from './session.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? null;
  }
}

/** Listeners told when the server refuses the token (401), so the app can ask for another. */
const refusedListeners = new Set();
export const onTokenRefused = (listener) => refusedListeners.add(listener);

const headers = (sent) => ({ Accept: 'application/json', Authorization: `Bearer ${sent ?? ''}` });

export const request = async (path, params = {}) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const qs = query.toString();
  const url = qs ? `${path}?${qs}` : path;
  const sent = token();
  const response = await fetch(url, { headers: headers(sent) });
  // A refusal of a token no longer held (signed out, or another signed in since the request left) ends no session.
  if (response.status === 401 && sent !== null && sent === token()) for (const listener of refusedListeners) listener();
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response;
};

export const getJson = async (path, params) => (await request(path, params)).json();

export const health = async () => {
  const response = await fetch('/health', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response.json();
};

export const api = {
  divisions: () => getJson('/api/divisions'),
  clearance: (year, division) => getJson('/api/reports/clearance', { year, division }),
  /**
   * A division's twelve monthly tables of a year, `{ months, position }`, read by the server in one
   * snapshot (decision 168): twelve requests could each stand at a different position.
   */
  monthsOfYear: (year, division) => getJson('/api/reports/monthly', { year, division }),
  /**
   * A division's row and its children's, `{ total, byChild, position }`, read by the server in one
   * snapshot of the read models (decision 165): two requests could straddle a new event and show a
   * total its rows do not add up to.
   */
  clearanceWithChildren: (year, division) => getJson('/api/reports/clearance', { year, division, withChildren: 'true' }),
  monthlyWithChildren: (month, division) => getJson('/api/reports/monthly', { month, division, withChildren: 'true' }),
  progressWithChildren: (month, division) => getJson('/api/reports/progress', { month, division, withChildren: 'true' }),
  backlog: (asOf, division) => getJson('/api/reports/backlog', { asOf, division }),
  household: (id, asOf) => getJson(`/api/households/${encodeURIComponent(id)}`, { asOf }),
  /** Who the token stands for: {role, actor, division?}. */
  session: () => getJson('/api/session'),
  /** A registrar's read of a household's personal data: the purpose is recorded in the access log. */
  personalData: (id, purpose) => getJson(`/api/households/${encodeURIComponent(id)}/personal-data`, { purpose }),
};
