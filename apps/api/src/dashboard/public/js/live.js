// Figures refresh by themselves: /health's `position` moves when the ledger accepts a command
// and the read models have caught up; every ~2 s the app asks, and re-fetches when it moved.
import { health } from './api.js';

const EVERY_MS = 2000;

export const followPosition = (onChange) => {
  let last = null;
  let timer = null;
  const tick = async () => {
    try {
      const { position } = await health();
      const moved = last !== null && position !== last;
      // Stored before the listener runs: it reads position() to say where the figures it fetches stand.
      last = position;
      if (moved) onChange(position);
    } catch {
      // The server may be restarting: the next tick tries again.
    }
    timer = setTimeout(tick, EVERY_MS);
  };
  tick();
  return {
    position: () => last,
    stop: () => clearTimeout(timer),
  };
};
