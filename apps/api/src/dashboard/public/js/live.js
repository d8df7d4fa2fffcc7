// Figures refresh by themselves: /health's `position` moves when the ledger accepts a command
// and the read models have caught up; every ~2 s the app asks, and re-fetches when it moved.
import { health } from './api.js';

const EVERY_MS = 2000;

/**
 * `onChange(position)` when the position moves; `onReach(reachable)` when /health stops or starts
 * answering again: the figures shown may be out of date meanwhile, and a page whose load failed in
 * the outage is asked again once the server is back (the position may well not have moved).
 */
export const followPosition = (onChange, onReach = () => {}) => {
  let last = null;
  let timer = null;
  let stopped = false;
  let reachable = true;
  const tick = async () => {
    let position;
    try {
      ({ position } = await health());
    } catch {
      // The server may be restarting: the next tick tries again.
    }
    // An answer to a poll sent before stop() belongs to a page that is gone (signed out, or another viewer's).
    if (stopped) return;
    const answered = position !== undefined;
    if (answered !== reachable) {
      reachable = answered;
      // Stored first: the listener reads position() to say where the figures it fetches stand.
      if (answered) last = position;
      onReach(answered);
    } else if (answered) {
      const moved = last !== null && position !== last;
      last = position;
      if (moved) onChange(position);
    }
    timer = setTimeout(tick, EVERY_MS);
  };
  tick();
  return {
    position: () => last,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
};
