import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { EMPTY_ITEM, ITEM } from './fixture.test-data.ts';
import { W3C_CONTEXT, w3cAnnotationsFor, w3cCollection } from './w3c.ts';

/**
 * The W3C export checked against lib/export/w3c.schema.json, a JSON Schema of the parts of the
 * Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) the export uses, written
 * from the spec (issue 6, point 4).
 */
type Json = Record<string, unknown>;
const read = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, name), 'utf8')) as Json;

const schema = read('w3c.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(schema);
const validator = (def?: string): ValidateFunction => {
  const ref = def ? `${schema.$id as string}#/$defs/${def}` : (schema.$id as string);
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema ${ref}`);
  return validate;
};
const validateDocument = validator();
const validateCollection = validator('AnnotationCollection');
const validatePage = validator('AnnotationPage');
const validateAnnotation = validator('Annotation');

/** The validator's errors (an empty list when the value is valid), so a failure says why. */
function errors(validate: ValidateFunction, value: unknown) {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function checkDocument(document: Json) {
  expect(errors(validateDocument, document)).toEqual([]);
  const [collection, ...pages] = document['@graph'] as Json[];
  expect(errors(validateCollection, collection)).toEqual([]);
  expect(pages.length).toBeGreaterThan(0);
  for (const page of pages) {
    expect(errors(validatePage, page)).toEqual([]);
    for (const annotation of page.items as Json[]) expect(errors(validateAnnotation, annotation)).toEqual([]);
  }
  return pages.flatMap((p) => p.items as Json[]);
}

const COLLECTION = { id: 'https://newsmark.example/export/w3c', label: 'Newsmark export', baseUrl: 'https://newsmark.example', pageSize: 4 };

describe('W3C export against the Web Annotation JSON schema', () => {
  it('accepts the golden file: the collection, every page and every annotation', () => {
    const annotations = checkDocument(read('golden/export.w3c.jsonld'));
    // Six annotations and the three relations with both ends exported.
    expect(annotations).toHaveLength(9);
    expect(annotations.some((a) => a.motivation === 'linking')).toBe(true);
  });

  it('accepts w3cCollection on the fixture, with and without a base URL', () => {
    checkDocument(w3cCollection([ITEM, EMPTY_ITEM], COLLECTION));
    checkDocument(w3cCollection([ITEM, EMPTY_ITEM], { id: 'urn:newsmark:export:1', label: 'Newsmark export' }));
  });

  it('accepts an empty collection (total 0, no first or last) and stand-alone annotations with @context', () => {
    const empty = w3cCollection([EMPTY_ITEM], COLLECTION);
    expect(errors(validateDocument, empty)).toEqual([]);
    for (const annotation of w3cAnnotationsFor(ITEM)) expect(errors(validateAnnotation, { '@context': W3C_CONTEXT, ...annotation })).toEqual([]);
  });

  const tagging = () => structuredClone(w3cAnnotationsFor(ITEM)[0]!) as Json & { target: { selector: Json[] } };

  it('rejects a TextPositionSelector with a negative start', () => {
    const annotation = tagging();
    const position = annotation.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    position.start = -1;
    expect(errors(validateAnnotation, annotation).join('\n')).toMatch(/\/target\/selector\/1\/start must be >= 0/u);
  });

  it('rejects an annotation without a target', () => {
    const annotation: Partial<ReturnType<typeof tagging>> = tagging();
    delete annotation.target;
    expect(errors(validateAnnotation, annotation).join('\n')).toMatch(/must have required property 'target'/u);
    const document = w3cCollection([ITEM], COLLECTION) as { '@graph': Json[] };
    delete ((document['@graph'][1]!.items as Json[])[0]!).target;
    expect(validateDocument(document)).toBe(false);
  });
});
