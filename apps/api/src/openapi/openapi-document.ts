import * as t from 'io-ts';
import { COMMAND_TYPES, commandCodecs } from '@hearth/domain';
import { KNOWN_AT_OFFSETS } from '@hearth/projections';
import { CONFLICT_RETRY_AFTER } from '../commands/conflict-response';
import { IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER, MAX_IDEMPOTENCY_KEY_LENGTH } from '../commands/idempotency-key';
import { BatchItemResultC, CommandAcceptedC, ErrorBodyC, HealthC } from '../api-bodies';
import type { Role } from '../auth/token-entry';
import { HouseholdHistoryC } from '../reads/household-history-body';
import { BacklogParamsC, ClearanceParamsC, ExportParamsC, HistoryParamsC, MonthParamsC, NoticesPageParamsC, VerifyParamsC, YearParamC } from '../reads/query-params';
import { personalDataPaths, personalRecordSchema } from '../personal-data/personal-data-openapi';
import { CodecSchemas } from './codec-schema';
import type { JsonSchema } from './primitive-schemas';

type Operation = Record<string, unknown>;
/** A closed codec's fields (ClosedType of @hearth/domain), whatever its value types. */
type Fields = { readonly required: t.Props; readonly optional: t.Props };

const roles = (...r: Role[]) => `Roles: ${r.join(', ')}.`;
const json = (schema: JsonSchema) => ({ content: { 'application/json': { schema } } });

/**
 * The OpenAPI 3.1 document of the service, generated from the io-ts codecs the service
 * decodes and answers with: the command union is `commandCodecs` of @hearth/domain (what
 * parseCommand dispatches over), query parameters are the routes' own parameter codecs.
 */
export const openApiDocument = (opts: { maxBatch: number; version?: string }): Record<string, unknown> => {
  const s = new CodecSchemas();
  const commandRefs = COMMAND_TYPES.map((type) => s.schema(commandCodecs[type]));
  const command: JsonSchema = {
    oneOf: commandRefs,
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(COMMAND_TYPES.map((type, i) => [type, (commandRefs[i] as { $ref: string }).$ref])) },
  };
  const named = (name: string, codec: t.Mixed): JsonSchema => {
    s.components.set(name, s.schema(codec));
    return { $ref: `#/components/schemas/${name}` };
  };
  const errorBody = named('ErrorBody', ErrorBodyC);
  const accepted = named('CommandAccepted', CommandAcceptedC);
  const batchItem = named('BatchItemResult', BatchItemResultC);
  const health = named('Health', HealthC);
  const householdHistory = named('HouseholdHistory', HouseholdHistoryC);
  s.components.set('Command', command);
  s.components.set('PersonalRecord', personalRecordSchema);
  const commandRef = { $ref: '#/components/schemas/Command' };

  const error = (description: string) => ({ description, ...json(errorBody) });
  const readErrors = {
    '400': error('INVALID_QUERY: a parameter is malformed or unknown (`field` names it)'),
    '401': error('UNAUTHENTICATED: no bearer token, or an unknown one'),
    '403': error('FORBIDDEN: the role may not read this, or it lies outside the caseworker’s division'),
    '429': error('RATE_LIMITED: too many requests with this token (or from this address without one); Retry-After says when to try again'),
    '500': error('DAMAGED_LOG: a stored event cannot be read as what it claims to be, or (`/api/anchor`) breaks its stream’s hash chain (the message names its position; an auditor should run `hearth verify`); INTERNAL: a bug, detailed only in the service’s log'),
    '503': error('STORE_BUSY: another process kept the store or its read models busy through every wait (Retry-After); STORE_UNAVAILABLE: the store’s server cannot be reached (Retry-After)'),
  };
  const params = (codec: Fields) => [
    ...Object.entries(codec.required).map(([name, c]) => ({ name, in: 'query', required: true, schema: s.schema(c) })),
    ...Object.entries(codec.optional).map(([name, c]) => ({ name, in: 'query', required: false, schema: s.schema(c) })),
  ];
  // A division's answer, or its children's rows (byChild): both name the division, which the two shapes below do not,
  // so that every answer is exactly one branch of the 200's oneOf (decision 197).
  const reportAnswer = named('ReportAnswer', t.type({ division: t.string }));
  // Additive (decision 165): the report endpoints' own answers are unchanged; `withChildren=true` asks for both in one snapshot.
  const reportTables = named('ReportTables', t.type({ total: t.UnknownRecord, byChild: t.UnknownRecord, position: t.Int }));
  // `month` or, for the year's twelve months, `year` (decision 168): neither is required alone.
  const monthOrYear = (ps: ReturnType<typeof params>) => [
    ...ps.map((p) => (p.name === 'month' ? { ...p, required: false } : p)),
    { name: 'year', in: 'query', required: false, schema: s.schema(YearParamC) },
  ];
  // Additive (decision 168): the monthly report without `month` and with `year` answers a year's twelve months in one snapshot.
  const monthsOfYear = named('MonthsOfYear', t.type({ months: t.array(t.UnknownRecord), position: t.Int }));
  const yearOfMonths = " Without `month`, `year` (YYYY, with `division` only) asks `{months, position}`: the division's twelve monthly answers of the year, January first, each what `month` alone answers, all read in one snapshot of the read models, and the ledger position it stands at (decision 168).";
  const report = (summary: string, codec: Fields, cli: string, months = false): Operation => {
    const tables = 'withChildren' in codec.optional;
    const answers = [reportAnswer, ...(tables ? [reportTables] : []), ...(months ? [monthsOfYear] : [])];
    return {
      get: {
        operationId: `report${summary.split(' ')[0]}`,
        summary: `${summary} report`,
        description: `The same JSON as \`${cli}\`. A caseworker reads their division's subtree (default: their division); an analyst gets small counts suppressed (null, named in each row's \`suppressed\`): counts below the policy's \`suppressBelow\`, counts with fewer households than that behind them (decision 186), and enough other cells that none can be recomputed.${tables ? " With `withChildren=true` (not with `byChild`, which is then refused): `{total, byChild, position}`, the division's answer and its children's (what `byChild=true` answers) read in one snapshot of the read models, so that the total is the one its children's rows were read with, and the ledger position that snapshot stands at (decision 165)." : ''}${months ? yearOfMonths : ''} ${roles('caseworker', 'auditor', 'analyst')}`,
        tags: ['reports'],
        parameters: months ? monthOrYear(params(codec)) : params(codec),
        responses: {
          '200': tables
            ? { description: `the report; with \`withChildren=true\`, the division's and its children's answers and their position${months ? '; with `year` and no `month`, the twelve months and their position' : ''}`, ...json({ oneOf: answers }) }
            : { description: 'the report', ...json({ type: 'object' }) },
          ...readErrors,
          '404': error('UNKNOWN_DIVISION or NO_DIVISION_TREE'),
        },
      },
    };
  };
  const spreadsheet = (report: 'monthly' | 'progress', format: 'csv' | 'xlsx'): Operation => ({
    get: {
      operationId: `export${report[0]?.toUpperCase()}${report.slice(1)}${format[0]?.toUpperCase()}${format.slice(1)}`,
      summary: `The ${report} table of a month as a ${format === 'csv' ? 'CSV file' : 'spreadsheet (.xlsx, with a notes sheet)'}`,
      description: `The rows of \`GET /api/reports/${report}\` for the division (its whole subtree) and then each child, under the same role rules (an analyst's suppressed; a caseworker's inside their division), read at one position of the read models${format === 'xlsx' ? ', which the notes sheet gives' : ''}. ${format === 'csv' ? 'UTF-8 with a byte-order mark, CRLF; text a spreadsheet would run as a formula is prefixed with an apostrophe. ' : ''}${roles('caseworker', 'auditor', 'analyst')}`,
      tags: ['reports'],
      parameters: params(ExportParamsC),
      responses: {
        '200': {
          description: `attachment; filename="${report}-MONTH-DIVISION.${format}"`,
          content: { [format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']: { schema: { type: 'string', contentMediaType: format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } },
        },
        ...readErrors,
        '404': error('UNKNOWN_DIVISION or NO_DIVISION_TREE'),
      },
    },
  });
  const commandErrors = {
    '400': error('INVALID_COMMAND: the body does not decode (or is not UTF-8 JSON); `field` is the path of the first offending field. JSON_TOO_DEEP: arrays and objects nested deeper than 32 levels. INVALID_QUERY: a query parameter (these routes take none; `field` names it)'),
    '401': error('UNAUTHENTICATED'),
    '403': error('FORBIDDEN: not a caseworker, a household or division outside their division, or an `actor` other than the token’s'),
    '413': error('PAYLOAD_TOO_LARGE: the body is over the limit, or (KurrentDB) what the command records is over the store’s append limit; nothing was appended'),
    '415': error('UNSUPPORTED_MEDIA_TYPE: only application/json'),
    '429': error('RATE_LIMITED: too many requests with this token; Retry-After says when to try again'),
    '500': error('DAMAGED_LOG: a stored event of the household cannot be read as what it claims to be (the message names its position); INTERNAL: a bug, detailed only in the service’s log'),
    '503': error('STORE_BUSY: another process held the store’s lock through every wait; nothing was written, try again after Retry-After. STORE_UNAVAILABLE: the store’s server cannot be reached (Retry-After)'),
    '507': error('STORAGE_FULL: the disk is full; nothing of the command was written'),
  };

  // The key both command routes take, and what a replay carries (decisions 158, 203).
  const idempotencyKey = (what: 'batch' | 'command') => ({
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: `A key of the client’s making (a UUID, say), one per ${what}: ${what === 'batch' ? 'a batch' : 'a command'} sent again with it and the same body is answered the first answer and decides nothing. Scoped to the token; the same key sent to the other command route is another request.`,
    schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, pattern: '^[\\x21-\\x7E]+$' },
  });
  const replayed = { 'Idempotent-Replayed': { description: '`true` when this is the recorded answer to an earlier request with the same Idempotency-Key and body: nothing was decided', schema: { type: 'string', enum: ['true'] } } };
  const keyInUse = {
    ...error('IDEMPOTENCY_KEY_IN_USE: a request with this Idempotency-Key is still being decided; nothing was decided, send it again once that one is answered (Retry-After)'),
    headers: { 'Retry-After': { description: `seconds to wait before sending it again (${IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER}, as for STORE_BUSY)`, schema: { type: 'integer', minimum: 1 } } },
  };
  const invalidKey = 'INVALID_HEADER: the Idempotency-Key is empty, over 255 characters, not visible ASCII, or given twice (`field`: `Idempotency-Key`)';
  const keyReused = 'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was first sent with another body; nothing was decided';

  const paths: Record<string, Operation> = {
    '/api/commands': {
      post: {
        operationId: 'submitCommand',
        summary: 'Submit one household command (domain.md §4)',
        description: `Decoded by the domain's codec, decided by the household Decider, appended to the household's stream. An idempotent repeat answers 201 with \`unchanged: true\`. The event's actor is the token's name. With an \`Idempotency-Key\`, the first request's answer (the 201 or the refusal) is recorded in the ledger for this token and key, and the same body sent again with the key is answered it again, status and body (\`Idempotent-Replayed: true\`), deciding and appending nothing; an answer that decided nothing and says to send the command again (409 CONFLICT, a store fault) is not recorded, and is decided again (decision 203). ${roles('caseworker')}`,
        tags: ['commands'],
        parameters: [idempotencyKey('command')],
        requestBody: { required: true, ...json(commandRef) },
        responses: {
          '201': {
            description:
              'accepted: what was appended (`eventId` is what a CorrectEvent names). An append that committed is answered 201 even when reading its events back failed: then every `position` but the last is null (decision 149). With an Idempotency-Key sent before with the same body: the first answer, byte for byte',
            headers: replayed,
            ...json(accepted),
          },
          ...commandErrors,
          '400': { ...error(`${commandErrors['400'].description}. ${invalidKey}`), headers: replayed },
          '403': { ...commandErrors['403'], headers: replayed },
          '503': error(
            'STORE_BUSY: another process held the store’s lock through every wait; nothing was written, try again after Retry-After. STORE_UNAVAILABLE: the store’s server cannot be reached (Retry-After); the command may have been stored all the same (an append that timed out after its commit, or an answer lost with the connection): send it again with the same `commandId` or created id, which answers `unchanged` if it was',
          ),
          '409': {
            ...error(`CONFLICT: the household kept changing while the command was decided; nothing was appended, submit again after Retry-After. ${keyInUse.description}`),
            headers: { 'Retry-After': { description: `seconds to wait before submitting it again (${CONFLICT_RETRY_AFTER}; ${IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER} for IDEMPOTENCY_KEY_IN_USE)`, schema: { type: 'integer', minimum: 1 } } },
          },
          '422': {
            ...error(`the domain refused the command: \`code\` is the domain's error code, \`field\` the path of the command field it is about (the id it names, \`on\`, \`month\`, or \`householdId\` for the household's own state). ${keyReused}`),
            headers: replayed,
          },
        },
      },
    },
    '/api/commands/batch': {
      post: {
        operationId: 'submitCommands',
        summary: 'Submit commands in order; one answer each, in the same order',
        description: `Each command is decided after the ones before it and answered as it would have been alone (status and body; \`retryAfterSeconds\` when that answer would have carried Retry-After, a 503 STORE_BUSY or STORE_UNAVAILABLE or a 409 CONFLICT). The commands after one that met a store fault (STORE_BUSY, STORE_UNAVAILABLE, STORAGE_FULL) are not tried: each answers that status, code and wait, its message saying so. At most ${opts.maxBatch} commands. With an \`Idempotency-Key\`, the first request's answer is recorded in the ledger for this token and key, and the same body sent again with the key is answered it again (\`Idempotent-Replayed: true\`), deciding and appending nothing; without one, a batch sent again is decided again (decisions 147, 158). ${roles('caseworker')}`,
        tags: ['commands'],
        parameters: [idempotencyKey('batch')],
        requestBody: { required: true, ...json({ type: 'array', items: commandRef, maxItems: opts.maxBatch }) },
        responses: {
          '200': {
            description: 'one result per command, in order (with an Idempotency-Key sent before with the same body: the first answer, byte for byte)',
            headers: {
              'Retry-After': { description: 'when a command’s answer has `retryAfterSeconds`: the largest of them, in seconds', schema: { type: 'integer', minimum: 1 } },
              ...replayed,
            },
            ...json({ type: 'array', items: batchItem }),
          },
          ...commandErrors,
          '413': error(
            `PAYLOAD_TOO_LARGE: the body is over the limit, or it holds more than ${opts.maxBatch} commands; nothing was tried. A command whose events are over the store’s append limit (KurrentDB) is answered 413 in its own item`,
          ),
          '400': error(`INVALID_COMMAND: the body is not a JSON array, or not UTF-8 JSON. JSON_TOO_DEEP: arrays and objects nested deeper than 32 levels. INVALID_QUERY: a query parameter (this route takes none; \`field\` names it). ${invalidKey}`),
          '409': keyInUse,
          '422': error(keyReused),
        },
      },
    },
    '/api/households/{householdId}': {
      get: {
        operationId: 'householdHistory',
        summary: "A household's audit timeline and its state as of a date, as known at an instant",
        description: `The same JSON as \`hearth --json history ID [--as-of DATE] [--known-at WHEN]\`: \`asOf\` is business time, the household at the end of that date with every correction recorded for its events applied (those dated after it listed in \`laterCorrections\`); \`knownAt\` is recording time, only the events recorded by then (a date is the end of that day in UTC; a time names its zone, an offset from ${KNOWN_AT_OFFSETS}). ${roles('caseworker', 'auditor')}`,
        tags: ['audit'],
        parameters: [{ name: 'householdId', in: 'path', required: true, schema: s.schema(commandCodecs.RegisterHousehold.required.householdId) }, ...params(HistoryParamsC)],
        responses: {
          '200': { description: "the history: each event with its `eventId`, what a CorrectEvent names to amend it (and a later correction's `correctedEventId`)", ...json(householdHistory) },
          ...readErrors,
          '404': error('UNKNOWN_HOUSEHOLD'),
        },
      },
    },
    '/api/reports/clearance': report('Clearance', ClearanceParamsC, 'hearth --json report clearance --year Y [--division D] [--by-child]'),
    '/api/reports/monthly': report('Monthly', MonthParamsC, 'hearth --json report monthly --month M [--division D] [--by-child]', true),
    '/api/reports/progress': report('Progress', MonthParamsC, 'hearth --json report progress --month M [--division D] [--by-child]'),
    '/api/reports/backlog': report('Backlog', BacklogParamsC, 'hearth --json report backlog [--as-of DATE] [--division D]` (asOf defaults to today; an analyst gets the length of each list, suppressed, instead of the lists'),
    '/api/exports/monthly.csv': spreadsheet('monthly', 'csv'),
    '/api/exports/monthly.xlsx': spreadsheet('monthly', 'xlsx'),
    '/api/exports/progress.csv': spreadsheet('progress', 'csv'),
    '/api/exports/progress.xlsx': spreadsheet('progress', 'xlsx'),
    '/api/divisions': {
      get: {
        operationId: 'divisions',
        summary: 'Every division ever recorded, and the codes the tree in force no longer holds',
        description: roles('caseworker', 'auditor', 'analyst', 'registrar'),
        tags: ['reports'],
        responses: { '200': { description: '{root, divisions: [{code, name, parentCode, level}], retired: [code]}', ...json({ type: 'object' }) }, ...readErrors, '404': error('NO_DIVISION_TREE') },
      },
    },
    '/api/session': {
      get: {
        operationId: 'session',
        summary: 'Who the token stands for: {role, actor, division?}',
        description: roles('caseworker', 'auditor', 'analyst', 'registrar'),
        tags: ['operations'],
        responses: { '200': { description: '{role, actor, division?}', ...json({ type: 'object' }) }, ...readErrors },
      },
    },
    '/api/verify': {
      get: {
        operationId: 'verify',
        summary: 'Recompute every hash chain and replay every household',
        description: `The same JSON as \`hearth --json verify\`, with at most \`notices\` late-recording notices (default 1,000; the rest from /api/verify/notices) and \`noticesFound\` counting them all. ${roles('auditor')}`,
        tags: ['audit'],
        parameters: params(VerifyParamsC),
        responses: { '200': { description: '{streams, events, anomalies, notices, noticesFound}', ...json({ type: 'object' }) }, ...readErrors },
      },
    },
    '/api/verify/notices': {
      get: {
        operationId: 'verifyNotices',
        summary: 'The late-recording notices a page at a time',
        description: `The notices after log position \`after\`, at most \`limit\`, in position order; \`next\` is the \`after\` of the next page, null at the log's end. ${roles('auditor')}`,
        tags: ['audit'],
        parameters: params(NoticesPageParamsC),
        responses: { '200': { description: '{notices, next}', ...json({ type: 'object' }) }, ...readErrors },
      },
    },
    '/api/anchor': {
      get: {
        operationId: 'anchor',
        summary: "The log's anchor now: head position, counts, a Merkle root over every stream's head hash",
        description: `The same JSON as \`hearth anchor\` prints (hashed, not signed). Keep it outside the store; \`hearth verify --anchor FILE\` later proves the log still extends it. ${roles('auditor')}`,
        tags: ['audit'],
        responses: { '200': { description: '{anchor, format, madeAt, headPosition, streams, events, merkleRoot, heads, digest}', ...json({ type: 'object' }) }, ...readErrors },
      },
    },
    ...personalDataPaths(error, s.schema(commandCodecs.RegisterHousehold.required.householdId)),
    '/health': {
      get: {
        operationId: 'health',
        summary: 'The store answers; how far the read models are behind the log',
        description: 'No token needed.',
        tags: ['operations'],
        security: [],
        responses: {
          '200': { description: 'healthy', ...json(health) },
          '503': { description: 'the store does not answer (an error body, STORE_UNAVAILABLE), or the live read-model runner is down and being restarted (the health body, readModels.live false)' },
        },
      },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Hearth',
      version: opts.version ?? '0.1.0',
      description: 'The HTTP API of the Hearth case ledger: household commands in, audit timelines and reports out. Errors are `{code, message, field?}`; a path asked with a method it does not list here answers 405 METHOD_NOT_ALLOWED with an `Allow` header.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from the HEARTH_TOKENS file' } },
      schemas: Object.fromEntries(s.components),
    },
  };
};
