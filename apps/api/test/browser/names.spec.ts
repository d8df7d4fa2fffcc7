import type { Browser } from 'playwright-core';
import { identified } from '../support/journey';
import { personalDataSetup } from '../support/personal-data';
import { Server, startServer } from '../support/server';
import { TOKENS, WILLOW } from '../support/tokens';
import { launchChromium, openPage, screenshot, signIn } from './support/browser';

/**
 * Members' names in the dashboard: shown to a registrar only, read on request with a
 * stated purpose (which the access log records); a caseworker's household page never
 * asks for them and never shows them.
 */
const NAME = 'Qin Shulan';
const ID_NUMBER = '330106198507070042';

describe('the dashboard shows a member\'s name only to a registrar', () => {
  let server: Server;
  let browser: Browser;
  const setup = personalDataSetup();
  beforeAll(async () => {
    server = await startServer({ personalData: setup.options });
    for (const command of identified('hh-names', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
    const put = await server.request('PUT', '/api/households/hh-names/members/hh-names-a/personal-data', { token: TOKENS.registrar, json: { fullName: NAME, identityDocument: { kind: 'resident-identity-card', number: ID_NUMBER } } });
    expect(put.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server.close();
    setup.cleanup();
  });

  it('a registrar reads the names with a purpose (logged); never the identity number; the other pages are not offered', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, server.url, TOKENS.registrar, '#/household/hh-names');
    expect(await page.locator('#nav a:visible').allTextContents()).toEqual(['Household']);
    expect(await page.textContent('#view')).not.toContain(NAME);
    await page.fill('input[name=purpose]', 'home visit on Friday');
    await page.click('#view form button[type=submit]');
    await page.waitForSelector('#names table');
    expect(await page.locator('#names tbody tr td').allTextContents()).toEqual(['hh-names-a', NAME]);
    expect(await page.content()).not.toContain(ID_NUMBER);
    await screenshot(page, 'names-registrar');
    const log = await server.request('GET', '/api/personal-data/access-log?householdId=hh-names', { token: TOKENS.auditor });
    expect(log.body.entries.at(-1)).toMatchObject({ actor: 'registrar-li', action: 'read', purpose: 'home visit on Friday', outcome: 'found' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a caseworker's household page shows the members without names and never asks for them", async () => {
    const { page, requests, context } = await openPage(browser);
    await signIn(page, server.url, TOKENS.willow, '#/household/hh-names');
    await page.waitForSelector('#household table');
    expect(await page.textContent('#household')).toContain('hh-names-a');
    expect(await page.content()).not.toContain(NAME);
    expect(requests.filter((r) => r.includes('personal-data'))).toEqual([]);
    expect(await page.locator('#nav a:visible').count()).toBe(4);
    await context.close();
  });
});
