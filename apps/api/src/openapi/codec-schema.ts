import * as t from 'io-ts';
import { BoundedArrayType, ClosedType, OneOfType } from '@hearth/domain';
import { JsonSchema, primitiveSchemas } from './primitive-schemas';

/**
 * io-ts runtime types → JSON Schema (2020-12, as OpenAPI 3.1 uses it). Named closed
 * objects become components referenced by `$ref`, so the command union reads as a list
 * of named commands. A codec the walker does not understand is an error, never `{}`.
 */
export class CodecSchemas {
  /** Component name → schema, filled as closed objects are met. */
  readonly components = new Map<string, JsonSchema>();
  private readonly componentOf = new Map<t.Mixed, string>();

  schema(codec: t.Mixed): JsonSchema {
    const primitive = primitiveSchemas.get(codec);
    if (primitive) return { ...primitive, description: codec.name };
    if (codec instanceof ClosedType) return this.component(codec);
    if (codec instanceof OneOfType) return { type: 'string', enum: [...codec.values] };
    if (codec instanceof BoundedArrayType)
      return { type: 'array', items: this.schema(codec.item), ...(codec.min > 0 ? { minItems: codec.min } : {}), maxItems: codec.max };
    return this.standard(codec);
  }

  /** The io-ts combinators (what the API's own codecs are made of). */
  private standard(codec: t.Mixed): JsonSchema {
    const tagged = codec as t.Mixed & { _tag?: string };
    switch (tagged._tag) {
      case 'StringType':
        return { type: 'string' };
      case 'NumberType':
        return { type: 'number' };
      case 'BooleanType':
        return { type: 'boolean' };
      case 'NullType':
        return { type: 'null' };
      case 'AnyDictionaryType': // t.UnknownRecord
        return { type: 'object' };
      case 'UnknownType': // t.unknown says "any JSON value" on purpose: the one codec whose schema is `{}`
        return {};
      case 'LiteralType':
        return { const: (codec as t.LiteralC<string | number | boolean>).value };
      case 'KeyofType':
        return { enum: Object.keys((codec as t.KeyofC<Record<string, unknown>>).keys) };
      case 'ArrayType':
      case 'ReadonlyArrayType':
        return { type: 'array', items: this.schema((codec as t.ArrayC<t.Mixed>).type) };
      case 'InterfaceType':
        return this.object((codec as t.TypeC<t.Props>).props, Object.keys((codec as t.TypeC<t.Props>).props));
      case 'PartialType':
        return this.object((codec as t.PartialC<t.Props>).props, []);
      case 'ExactType':
        return { ...this.schema((codec as t.ExactC<t.HasProps>).type), additionalProperties: false };
      case 'ReadonlyType':
        return this.schema((codec as t.ReadonlyC<t.Mixed>).type);
      case 'RefinementType': // also t.brand: a refinement whose predicate no schema can state; its name says it
        return { ...this.schema((codec as t.RefinementC<t.Mixed>).type), description: codec.name };
      case 'UnionType':
        return { anyOf: (codec as t.UnionC<[t.Mixed, t.Mixed]>).types.map((m) => this.schema(m)) };
      case 'IntersectionType':
        return this.intersection((codec as t.IntersectionC<[t.Mixed, t.Mixed]>).types);
      default:
        throw new Error(`no JSON Schema for the codec "${codec.name}" (${tagged._tag ?? codec.constructor.name}): describe it in primitive-schemas.ts`);
    }
  }

  private object(props: t.Props, required: readonly string[]): JsonSchema {
    return {
      type: 'object',
      properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, this.schema(v)])),
      ...(required.length > 0 ? { required: [...required] } : {}),
    };
  }

  /** t.type & t.partial (the usual required-and-optional pair) merge into one object; anything else is allOf. */
  private intersection(members: readonly t.Mixed[]): JsonSchema {
    const parts = members.map((m) => this.schema(m));
    if (!parts.every((p) => p['type'] === 'object' && p['additionalProperties'] === undefined)) return { allOf: parts };
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p['properties'] ?? {})),
      required: parts.flatMap((p) => (p['required'] as string[] | undefined) ?? []),
    };
  }

  private component(codec: ClosedType<t.Props, t.Props, unknown, unknown>): JsonSchema {
    const known = this.componentOf.get(codec);
    if (known !== undefined) return ref(known);
    const name = this.uniqueName(codec.name);
    this.componentOf.set(codec, name);
    this.components.set(name, {}); // reserved before walking, so a codec that reaches itself gets a $ref
    const required = Object.keys(codec.required);
    this.components.set(name, {
      title: codec.name,
      type: 'object',
      properties: Object.fromEntries([...Object.entries(codec.required), ...Object.entries(codec.optional)].map(([k, v]) => [k, this.schema(v)])),
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    });
    return ref(name);
  }

  private uniqueName(name: string): string {
    const base = name.replace(/[^A-Za-z0-9._-]/g, '_');
    let candidate = base;
    for (let i = 2; this.components.has(candidate); i++) candidate = `${base}_${i}`;
    return candidate;
  }
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
