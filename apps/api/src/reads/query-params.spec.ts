import { ApiError } from '../errors/api-error';
import { decodeParams, HistoryParamsC } from './query-params';

/**
 * The history route reads `knownAt` once (docs/decisions/0154): its codec hands the query the
 * instant as read, which the query's handler takes as it is, instead of the text to read again.
 */
describe('HistoryParamsC', () => {
  it('decodes knownAt to the instant parseKnownAt reads, in UTC with its milliseconds', () => {
    expect(decodeParams(HistoryParamsC, { asOf: '2020-12-31', knownAt: '2021-06-16T17:00+08:00' })).toEqual({
      asOf: '2020-12-31',
      knownAt: { instant: '2021-06-16T09:00:00.000Z', ms: Date.parse('2021-06-16T09:00:00.000Z') },
    });
    expect(decodeParams(HistoryParamsC, { knownAt: '2020-12-31' }).knownAt).toEqual({ instant: '2020-12-31T23:59:59.999Z', ms: Date.parse('2020-12-31T23:59:59.999Z') });
  });

  it.each(['2020-12-31T10:00', '2021-01-01T00:00+14:30', ''])('refuses knownAt=%j as a 400 naming knownAt, in parseKnownAt\'s words', (bad) => {
    const refused = (() => {
      try {
        decodeParams(HistoryParamsC, { knownAt: bad });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY', field: 'knownAt', message: expect.stringContaining('YYYY-MM-DDTHH:MM[:SS[.sss]] then Z or ±HH:MM') } });
  });
});
