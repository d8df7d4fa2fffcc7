import fc from 'fast-check';
import type { BacklogEntry } from '../src/projections/backlog-activity';
import type { ActivityEntry, HouseholdProgress } from '../src/projections/household-progress';
import type { MemberEntry } from '../src/projections/member-facts';
import { decodeProgress, decodeProgressHead, encodeProgress } from '../src/projections/progress-record-codec';
import { progress } from './support/progress-records';
import { propertyRuns } from '@hearth/domain/testing';

describe('a household progress record packed (decision 82)', () => {
  it('unpacks to the record it was packed from, entries in the same order', () => {
    fc.assert(
      fc.property(progress, (p) => {
        const packed = encodeProgress(p);
        expect(decodeProgress(packed)).toStrictEqual(p);
        // The same record packs to the same bytes (the read models' rows compare equal after a rebuild).
        expect(encodeProgress(decodeProgress(packed)).equals(packed)).toBe(true);
        // What the reports read (decision 110): the same record but its activity.
        const { activity: _, ...head } = p;
        expect(decodeProgressHead(packed)).toStrictEqual(head);
      }),
      propertyRuns(500, process.env),
    );
  });

  it('packs a record to the same bytes whatever was packed before it (the string numbers kept between records, decision 101)', () => {
    fc.assert(
      fc.property(progress, fc.array(progress, { minLength: 1, maxLength: 5 }), (p, others) => {
        const alone = encodeProgress(p);
        for (const o of others) encodeProgress(o);
        expect(encodeProgress(p).equals(alone)).toBe(true);
        expect(decodeProgress(encodeProgress(p))).toStrictEqual(p);
      }),
      propertyRuns(200, process.env),
    );
  });

  it('packs a record to the same bytes after more distinct strings than the packer keeps numbered', () => {
    const record = (ids: string[]): HouseholdProgress => ({
      t: { villages: [[1, '2016-03-09', 'P01C05T05V01']], statuses: [], concerns: {} },
      members: ids.map((id, i): MemberEntry => [2 + i, '2016-03-09', id, 1980, null, 0, 0]),
      activity: ids.map((id, i): ActivityEntry => [2 + i, 24194, `member.referred.${id}`]),
      backlog: ids.map((id, i): BacklogEntry => [2 + i, '2016-03-09', 'referral-made', id, `r-${id}`]),
    });
    const p = record(['m1', 'm2', 'x.y']);
    const before = encodeProgress(p);
    // 70 records of 1,000 ids never seen: past the 65,536 strings kept, the packer starts again from the seeded ones.
    for (let r = 0; r < 70; r++) encodeProgress(record(Array.from({ length: 1000 }, (_, i) => `r${r}-${i}`)));
    expect(encodeProgress(p).equals(before)).toBe(true);
    expect(decodeProgress(encodeProgress(p))).toStrictEqual(p);
  });

  it('packs a survey of five members into far fewer bytes than its JSON', () => {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
    const p: HouseholdProgress = {
      t: { villages: [[3059, '2016-03-09', 'P01C05T05V01']], statuses: [[3059, '2016-03-09', 'HouseholdRegistered', 'unregistered', 'registered'], [3060, '2016-03-29', 'HouseholdSurveyed', 'registered', 'surveyed']], concerns: {} },
      members: [...members.map((m, i): MemberEntry => [3059, '2016-03-09', m, 1960 + i, null, 0, 0]), ...members.map((m): MemberEntry => [3060, '2016-03-29', m, null, 'partial', 1, 0])],
      activity: members.map((m): ActivityEntry => [3060, 24194, `member.surveyed.${m}`]),
      backlog: [[3060, '2016-03-29', 'household-surveyed', null, null]],
    };
    const packed = encodeProgress(p);
    expect(decodeProgress(packed)).toStrictEqual(p);
    expect(packed.length).toBeLessThan(JSON.stringify(p).length / 4);
  });

  it('refuses bytes it did not write, rather than making up a record', () => {
    const packed = encodeProgress({ t: { villages: [[1, '2016-03-09', 'V1']], statuses: [], concerns: {} }, members: [], activity: [], backlog: [] });
    expect(() => decodeProgress(packed.subarray(0, packed.length - 1))).toThrow(/truncated/);
    expect(() => decodeProgress(Buffer.concat([packed, Buffer.from([0])]))).toThrow(/after the end/);
    expect(() => decodeProgress(Buffer.from('{"t":{}}'))).toThrow(/unknown format/);
  });
});
