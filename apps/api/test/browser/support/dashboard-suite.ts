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
    [server, browser] = await Promise.all([startDashboardServer(), launchChromium()]);
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
