import * as t from 'io-ts';
import { BusinessDateC, closed, IdC, oneOf } from '@hearth/domain';
import { CodecSchemas } from './codec-schema';

describe('io-ts codecs → JSON Schema', () => {
  it('walks the standard combinators', () => {
    interface PositiveBrand { readonly Positive: unique symbol }
    const Positive = t.brand(t.number, (n): n is t.Branded<number, PositiveBrand> => n > 0, 'Positive');
    const codec = t.intersection([
      t.type({ kind: t.literal('a'), tags: t.array(t.string), size: Positive, maybe: t.union([t.string, t.null]), flag: t.boolean }),
      t.partial({ extra: t.exact(t.type({ n: t.number })), key: t.keyof({ x: null, y: null }), any: t.UnknownRecord, json: t.unknown }),
    ]);
    expect(new CodecSchemas().schema(codec)).toEqual({
      type: 'object',
      properties: {
        kind: { const: 'a' },
        tags: { type: 'array', items: { type: 'string' } },
        size: { type: 'number', description: 'Positive' },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        flag: { type: 'boolean' },
        extra: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: false },
        key: { enum: ['x', 'y'] },
        any: { type: 'object' },
        // t.unknown is any JSON value, said on purpose (an event's data as stored): the one `{}`.
        json: {},
      },
      required: ['kind', 'tags', 'size', 'maybe', 'flag'],
    });
  });

  it("walks the domain's closed objects into components, once each", () => {
    const Inner = closed('Inner', { id: IdC }, { on: BusinessDateC });
    const Outer = closed('Outer', { a: Inner, b: Inner, level: oneOf(['low', 'high'] as const) });
    const schemas = new CodecSchemas();
    expect(schemas.schema(Outer)).toEqual({ $ref: '#/components/schemas/Outer' });
    expect(schemas.components.get('Inner')).toEqual({
      title: 'Inner',
      type: 'object',
      properties: { id: expect.objectContaining({ type: 'string' }), on: expect.objectContaining({ format: 'date' }) },
      required: ['id'],
      additionalProperties: false,
    });
    expect(schemas.components.get('Outer')).toMatchObject({ properties: { a: { $ref: '#/components/schemas/Inner' }, b: { $ref: '#/components/schemas/Inner' }, level: { enum: ['low', 'high'] } } });
  });

  it('refuses a codec it cannot describe instead of inventing a schema', () => {
    const opaque = new t.Type<string, string, unknown>('Opaque', (u): u is string => typeof u === 'string', (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)), (a) => a);
    expect(() => new CodecSchemas().schema(t.type({ x: opaque }))).toThrow(/no JSON Schema for the codec "Opaque"/);
  });
});
