import Database from 'better-sqlite3';
import { navigating, screenshot, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';

jest.setTimeout(90_000);

/** The household audit page in headless Chromium: a timeline replayed to a date, what verify finds in its stream, a broken hash. */
describe("the dashboard's household audit page in headless Chromium", () => {
  const { server, open } = dashboardSuite();

  it('replays a household to the as-of date chosen, with each event\'s hash check', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/household/w1');
    expect(await page.locator('#household-status').getAttribute('data-status')).toBe('cleared');
    expect(await page.locator('#household tbody tr .hash-ok').count()).toBe(8);

    await navigating(page, () => page.fill('input[name=asOf]', '2016-04-30'));
    expect(await page.locator('#household-status').getAttribute('data-status')).toBe('identified');
    expect(await page.locator('#household tbody tr .hash-ok').count()).toBe(4);
    expect(await page.locator('#chain-status').getAttribute('class')).toBe('ok');
    await screenshot(page, 'household-as-of');

    expect(await page.locator('#household-later-corrections').count()).toBe(0);

    await navigating(page, () => page.click('text=Latest'));
    expect(await page.locator('#household-status').getAttribute('data-status')).toBe('cleared');
    expect(await page.locator('#rules-status').getAttribute('class')).toBe('ok');
    expect(await page.locator('#household-anomalies').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lists the corrections dated after the as-of date, which the state shown already applies (decision 154)', async () => {
    const { page, errors } = await open();
    // The server's answer for w1 as of a date, with a later correction of its survey (history.e2e.spec.ts in the CLI makes one for real).
    const real = await server().api('/api/households/w1?asOf=2016-04-30', TOKENS.auditor);
    const survey = real.events.find((e: { type: string }) => e.type === 'HouseholdSurveyed') as { position: number };
    const laterCorrections = [{
      position: 999, occurredOn: '2017-03-01', recordedAt: '2017-03-01T09:00:00.000Z', actor: 'auditor-1', note: null, correctedEventId: 'e-1',
      correctedPosition: survey.position, correctedType: 'HouseholdSurveyed', correction: { members: [] }, reason: 'keyed against the wrong member',
    }];
    await page.route(/\/api\/households\/w1\?asOf=2016-04-30$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...real, laterCorrections }) }));
    await signIn(page, server().origin, TOKENS.auditor, '#/household/w1?asOf=2016-04-30');
    expect(await page.locator('#household-status').getAttribute('data-status')).toBe('identified');
    expect(await page.locator('#household h3', { hasText: 'Corrections dated after 2016-04-30' }).count()).toBe(1);
    const rows = await page.locator('#household-later-corrections tbody tr').allTextContents();
    expect(rows).toEqual([expect.stringContaining('keyed against the wrong member')]);
    expect(rows[0]).toContain(`(${survey.position})`);
    expect(errors).toEqual([]);
  });

  it('says so when replaying the household through the rules finds an event the ledger would not have recorded', async () => {
    const { page, errors } = await open();
    // The server's answer for w1, with the finding the replay makes of a clearance forged with its chain recomputed (tamper-forged.e2e.spec.ts in the CLI makes one for real).
    const real = await server().api('/api/households/w1', TOKENS.auditor);
    const last = real.events[real.events.length - 1] as { position: number };
    const forged = { ...real, anomalies: [{ householdId: 'w1', position: last.position, kind: 'rejected', detail: 'HouseholdCleared: NOT_IDENTIFIED' }] };
    await page.route('**/api/households/w1', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(forged) }));
    await signIn(page, server().origin, TOKENS.auditor, '#/household/w1');
    expect(await page.locator('#chain-status').getAttribute('class')).toBe('ok');
    expect(await page.locator('#rules-status').getAttribute('class')).toBe('error');
    expect(await page.locator('#rules-status').textContent()).toContain('1 anomaly');
    expect(await page.locator('#household-anomalies tbody tr').allTextContents()).toEqual([expect.stringContaining('rejected')]);
    expect(errors).toEqual([]);
  });

  it('marks the event an intruder edited in the file as a broken hash', async () => {
    const db = new Database(server().storePath);
    const row = db.prepare("SELECT position, data FROM events WHERE stream_id = 'household-w2' AND type = 'MemberEmployed'").get() as { position: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...JSON.parse(row.data), monthlyIncome: 9999 }), row.position);
    db.close();

    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/household/w2');
    const broken = page.locator('#household tbody tr.broken');
    expect(await broken.count()).toBe(1);
    expect(await broken.locator('td').first().textContent()).toBe(String(row.position));
    expect(await broken.locator('.hash-broken').textContent()).toContain('HASH BROKEN');
    expect(await page.locator('#chain-status').getAttribute('class')).toBe('error');
    expect(await page.locator('#household tbody tr .hash-ok').count()).toBe(7);
    await screenshot(page, 'household-tampered');
    expect(errors).toEqual([]);
  });
});
