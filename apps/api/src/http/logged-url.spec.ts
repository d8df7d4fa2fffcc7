import fc from 'fast-check';
import { openApiDocument } from '../openapi/openapi-document';
import { CODE_PARAMETERS, loggedUrl, TEXT_PARAMETERS, WITHHELD } from './logged-url';

describe('the URL the service logs', () => {
  it('prints a path as sent, with or without an empty query', () => {
    expect(loggedUrl('/api/households/hh-1')).toBe('/api/households/hh-1');
    expect(loggedUrl('/api/households/hh-log%zz')).toBe('/api/households/hh-log%zz');
    expect(loggedUrl('/api/divisions?')).toBe('/api/divisions?');
    expect(loggedUrl(undefined)).toBe('/');
  });

  it("prints a code parameter's code, decoded, and withholds a value that is not one", () => {
    expect(loggedUrl('/api/reports/clearance?year=2019&division=P01C01&byChild=true')).toBe('/api/reports/clearance?year=2019&division=P01C01&byChild=true');
    expect(loggedUrl('/api/households/hh-1/history?asOf=2019-03-01&knownAt=2020-01-01T00%3A00%3A00.000Z')).toBe('/api/households/hh-1/history?asOf=2019-03-01&knownAt=2020-01-01T00:00:00.000Z');
    expect(loggedUrl('/api/reports/backlog?asOf=Hu%20Yan-Q4')).toBe(`/api/reports/backlog?asOf=${WITHHELD}`);
    expect(loggedUrl('/api/reports/backlog?asOf=Hu+Yan')).toBe(`/api/reports/backlog?asOf=${WITHHELD}`);
    expect(loggedUrl('/api/reports/backlog?asOf=%zz')).toBe(`/api/reports/backlog?asOf=${WITHHELD}`);
    expect(loggedUrl('/api/reports/backlog?asOf=')).toBe(`/api/reports/backlog?asOf=${WITHHELD}`);
    expect(loggedUrl('/api/reports/clearance?byChild')).toBe('/api/reports/clearance?byChild');
    expect(loggedUrl('/api/verify?notices=3')).toBe('/api/verify?notices=3');
  });

  it("withholds a value not of its parameter's shape, however much it looks like a code: a name typed into a date", () => {
    expect(loggedUrl('/api/reports/backlog?asOf=Hu-Yan-Q4&division=P01')).toBe(`/api/reports/backlog?asOf=${WITHHELD}&division=P01`);
    expect(loggedUrl('/api/reports/monthly?month=MaLi&year=Wen')).toBe(`/api/reports/monthly?month=${WITHHELD}&year=${WITHHELD}`);
    expect(loggedUrl('/api/reports/clearance?byChild=Gao&year=2017')).toBe(`/api/reports/clearance?byChild=${WITHHELD}&year=2017`);
    expect(loggedUrl('/api/verify/notices?after=Lu-Jian&limit=10')).toBe(`/api/verify/notices?after=${WITHHELD}&limit=10`);
  });

  it("names a purpose and withholds its words, however it is encoded", () => {
    expect(loggedUrl('/api/households/hh-1/personal-data?purpose=caller%20Ma%20Li%20asked%20for%20her%20number')).toBe(`/api/households/hh-1/personal-data?purpose=${WITHHELD}`);
    expect(loggedUrl('/api/households/hh-1/personal-data?purpose=review')).toBe(`/api/households/hh-1/personal-data?purpose=${WITHHELD}`);
    expect(loggedUrl('/api/households/hh-1/personal-data?%70urpose=Ma+Li')).toBe(`/api/households/hh-1/personal-data?purpose=${WITHHELD}`);
  });

  it('withholds a parameter the service does not know, its name with its value: a name can be typed as a key', () => {
    expect(loggedUrl('/api/reports/backlog?Shen%20Dan=1&asOf=2019-01-01')).toBe(`/api/reports/backlog?${WITHHELD}&asOf=2019-01-01`);
    expect(loggedUrl('/api/divisions?fullName=Wen+Lihua')).toBe(`/api/divisions?${WITHHELD}`);
  });

  it('never prints a value of a text parameter or of an unknown one, whatever its characters', () => {
    fc.assert(
      fc.property(fc.constantFrom('purpose', 'fullName', 'note', 'q'), fc.string({ maxLength: 40 }), (name, value) => {
        const logged = loggedUrl(`/api/x?${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
        expect(logged).toBe(name === 'purpose' ? `/api/x?purpose=${WITHHELD}` : `/api/x?${WITHHELD}`);
      }),
    );
  });

  it('has decided, for every query parameter the API documents, whether its value is a code or free text', () => {
    const doc = openApiDocument({ maxBatch: 100 }) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    const names = new Set(Object.values(doc.paths).flatMap((path) => Object.values(path).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name))));
    expect(names.size).toBeGreaterThan(5);
    expect([...names].filter((n) => !CODE_PARAMETERS.has(n) && !TEXT_PARAMETERS.has(n))).toEqual([]);
    expect([...CODE_PARAMETERS.keys(), ...TEXT_PARAMETERS].filter((n) => !names.has(n))).toEqual([]);
  });
});
