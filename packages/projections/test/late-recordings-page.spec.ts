import fc from 'fast-check';
import type { HouseholdCommand } from '@hearth/domain';
import { InMemoryEventStore } from '@hearth/event-store';
import { lateRecordingsPage, verifyLog, type LogFinding } from '../src';
import { feed } from './support/feed';
import { handWorkedHouseholds } from './support/hand-worked-region';
import { context } from './support/region';
import { propertyRuns } from '@hearth/domain/testing';

/** Some households keyed years late (every event a notice), the others on their business day (none). */
const LATE = new Set(['h1', 'h3', 'h4']);
const recordedAt = (c: HouseholdCommand): string => (LATE.has(c.householdId) ? '2030-01-01T00:00:00.000Z' : `${(c as { on: string }).on}T12:00:00.000Z`);

const mixedLog = async (): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  const byDay = [...handWorkedHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  await feed(store, byDay, context, { strict: true, recordedAt });
  return store;
};

/** Every page from the start, as a client walks them. */
const walk = async (store: InMemoryEventStore, limit: number, pageSize: number): Promise<{ pages: (readonly LogFinding[])[]; notices: LogFinding[] }> => {
  const pages: (readonly LogFinding[])[] = [];
  for (let after: number | null = 0; after !== null; ) {
    const page = await lateRecordingsPage(store, context.policy, { after, limit, pageSize });
    pages.push(page.notices);
    after = page.next;
  }
  return { pages, notices: pages.flat() };
};

describe('late-recording notices a page at a time', () => {
  it('the pages, walked from the start, are verifyLog’s notices in its order, whatever the page and read sizes', async () => {
    const store = await mixedLog();
    const { notices, events } = await verifyLog(store, context);
    // The comparison compares something: some events are notices and some are not.
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.length).toBeLessThan(events);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), async (limit, pageSize) => {
        const walked = await walk(store, limit, pageSize);
        expect(walked.notices).toEqual(notices);
        // No page is longer than asked, and only the last may be shorter.
        expect(walked.pages.every((p) => p.length <= limit)).toBe(true);
        expect(walked.pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      }),
      propertyRuns(40, process.env),
    );
  });

  it('starts after the position it is given', async () => {
    const store = await mixedLog();
    const { notices } = await verifyLog(store, context);
    const third = notices[2] as LogFinding;
    const page = await lateRecordingsPage(store, context.policy, { after: third.position, limit: 2 });
    expect(page.notices).toEqual(notices.slice(3, 5));
    expect(page.next).toBe((notices[4] as LogFinding).position);
  });

  it('says there is no next page once the log is read to its end', async () => {
    const store = await mixedLog();
    const { notices } = await verifyLog(store, context);
    const page = await lateRecordingsPage(store, context.policy, { after: 0, limit: notices.length + 1 });
    expect(page).toEqual({ notices, next: null });
  });

  it('refuses a negative start and a limit under 1, and reads nothing', async () => {
    const store = await mixedLog();
    const readAll = jest.spyOn(store, 'readAll');
    await expect(lateRecordingsPage(store, context.policy, { after: -1, limit: 5 })).rejects.toThrow(/after must be a whole number/);
    await expect(lateRecordingsPage(store, context.policy, { after: 0, limit: 0 })).rejects.toThrow(/limit must be a whole number, 1 or more/);
    await expect(lateRecordingsPage(store, context.policy, { after: 1.5, limit: 5 })).rejects.toThrow(/after/);
    expect(readAll).not.toHaveBeenCalled();
  });
});
