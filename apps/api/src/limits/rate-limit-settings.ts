import type { Rate } from './token-bucket';

/** Per token (every request with a known bearer token) and per remote address (every other request). `false`: no limit. */
export interface RateLimitSettings {
  readonly perToken: Rate | false;
  readonly anonymous: Rate | false;
}

/**
 * Defaults (decision 0039): requests without a known token are limited per address, so a
 * flood of guessed tokens or of anonymous requests cannot starve the service; requests
 * with a token are limited only when the deployment says how much (HEARTH_RATE_LIMIT),
 * since every token is an accountable person or system and bulk clients differ.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { perToken: false, anonymous: { perSecond: 50, burst: 500 } };

/** 'RATE' or 'RATE/BURST' (requests per second; burst defaults to twice the rate), or 'off'. */
export const parseRate = (text: string): Rate | false | undefined => {
  const t = text.trim().toLowerCase();
  if (t === 'off') return false;
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(t);
  if (!m) return undefined;
  const perSecond = Number(m[1]);
  const burst = m[2] === undefined ? Math.max(1, Math.ceil(perSecond * 2)) : Number(m[2]);
  return perSecond > 0 && burst >= 1 && Number.isFinite(perSecond) && Number.isSafeInteger(burst) ? { perSecond, burst } : undefined;
};

/** HEARTH_RATE_LIMIT (per token) and HEARTH_RATE_LIMIT_ANONYMOUS (per address) over the defaults; a malformed value is an error at start. */
export const rateLimitsFromEnv = (env: Readonly<Record<string, string | undefined>>): RateLimitSettings => {
  const read = (name: string, fallback: Rate | false): Rate | false => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const rate = parseRate(text);
    if (rate === undefined) throw new Error(`${name}="${text}" is not a rate: write RATE or RATE/BURST (requests per second, burst), or off`);
    return rate;
  };
  return { perToken: read('HEARTH_RATE_LIMIT', DEFAULT_RATE_LIMITS.perToken), anonymous: read('HEARTH_RATE_LIMIT_ANONYMOUS', DEFAULT_RATE_LIMITS.anonymous) };
};
