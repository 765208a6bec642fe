import { z } from 'zod';
import type { JsonSchema, Parameter, Reference } from './model.ts';

/**
 * The JSON Schema (2020-12, the dialect of OpenAPI 3.1) of what a client may send: `io: 'input'`
 * describes a transform, a default or a coercion by what it accepts, not what the route gets
 * after parsing. Refinements (custom checks) have no JSON Schema form and are left out, so the
 * server may still refuse a body the schema allows, always with a 400.
 */
export function requestSchema(schema: z.ZodType): JsonSchema {
  const converted = { ...(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema) };
  // The document declares the dialect once (jsonSchemaDialect); repeating it per schema is noise.
  delete converted.$schema;
  return converted;
}

/** A query schema's fields as query parameters (every field the route reads from the URL). */
export function queryParameters(schema: z.ZodType, options: { only?: readonly string[]; descriptions?: Record<string, string> } = {}): Parameter[] {
  const object = requestSchema(schema);
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries((object.properties ?? {}) as Record<string, JsonSchema>)
    .filter(([name]) => !options.only || options.only.includes(name))
    .map(([name, fieldSchema]) => {
      const description = options.descriptions?.[name];
      return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: fieldSchema };
    });
}

export const schemaRef = (name: string): Reference => ({ $ref: `#/components/schemas/${name}` });

export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/** A response object whose listed fields are all present (optional ones named apart). */
export function objectOf(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties).filter((name) => !optional.includes(name)) };
}

export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
