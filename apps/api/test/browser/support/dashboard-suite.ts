import type { Browser } from 'playwright-core';
import { launchChromium, openPage, Watched } from './browser';
import { DashboardServer, startDashboardServer } from './dashboard-server';


/**
 * One dashboard server and one headless Chromium for a spec file, started before its tests
 * and closed after them; every page a test opens is closed after that test. `server()` is
 * the running server (read it inside a test, not when the file loads).
 */
export const dashboardSuite = (): { server: () => DashboardServer; open: (locale?: string) => Promise<Watched> } => {
  let server: DashboardServer | undefined;
  let browser: Browser | undefined;
  const opened: Watched[] = [];
  beforeAll(async () => {
    // Both at once, but a browser that cannot start is reported once the server has started and closed again: thrown
    // while Nest was still loading, jest tore the suite down under it, and Nest's exit hid the reason.
    const [started, launched] = await Promise.allSettled([startDashboardServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'rejected') {
      await server?.close();
      server = undefined;
      throw launched.reason;
    }
    browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
  });
  afterEach(async () => {
    for (const w of opened.splice(0)) await w.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    server: () => server as DashboardServer,
    open: async (locale?: string) => {
      const w = await openPage(browser as Browser, locale);
      opened.push(w);
      return w;
    },
  };
};
