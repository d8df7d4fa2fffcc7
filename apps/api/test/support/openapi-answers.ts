import { createRequire } from 'node:module';

type Validate = ((data: unknown) => boolean) & { errors?: readonly unknown[] | null };
interface Ajv {
  compile(schema: object): Validate;
}

/*
 * Ajv's JSON Schema 2020-12 (what OpenAPI 3.1 uses) as the standard OpenAPI validator this
 * repository already depends on brings it: resolved from @seriousme/openapi-schema-validator,
 * so no dependency is added and the document and its answers are checked by the same Ajv.
 */
const besideTheValidator = createRequire(require.resolve('@seriousme/openapi-schema-validator/package.json'));
const Ajv2020 = (besideTheValidator('ajv/dist/2020') as { default: new (options: object) => Ajv }).default;
const addFormats = (besideTheValidator('ajv-formats') as { default: (ajv: Ajv) => Ajv }).default;

type Responses = Record<string, { content?: Record<string, { schema?: object }> }>;
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { responses: Responses }>>;
  readonly components: { readonly schemas: Record<string, object> };
}

/**
 * What the document says of an answer: the errors of `body` against the JSON schema of `path`'s
 * `status` answer to GET, [] when it is valid. Strict mode is off only for the OpenAPI words
 * that are no JSON Schema keyword (`discriminator`), which Ajv would refuse to compile.
 */
export const answerChecker = (doc: OpenApiDocument): ((path: string, body: unknown, status?: string) => readonly unknown[]) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<string, Validate>();
  return (path, body, status = '200') => {
    const at = `GET ${path} ${status}`;
    let validate = compiled.get(at);
    if (validate === undefined) {
      const schema = doc.paths[path]?.['get']?.responses[status]?.content?.['application/json']?.schema;
      if (schema === undefined) throw new Error(`the document gives no JSON schema for ${at}`);
      // Its `$ref`s point into the document's components: compiled with them beside it, at the root they name.
      validate = ajv.compile({ ...schema, components: doc.components });
      compiled.set(at, validate);
    }
    return validate(body) ? [] : [...(validate.errors ?? [])];
  };
};
