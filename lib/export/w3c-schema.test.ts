import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { EMPTY_ITEM, ITEM } from './fixture.test-data.ts';
import { W3C_CONTEXT, w3cAnnotationsFor, w3cCollection } from './w3c.ts';
import { w3cLayoutErrors } from './w3c-layout.test-support.ts';

/**
 * The W3C export checked against lib/export/w3c.schema.json, a JSON Schema of the parts of the
 * Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) the export uses, written
 * from the spec (issue 6, point 4), with what the Web Annotation Working Group's tests require of
 * a collection and of each page (collectionMusts, pageMusts; issue 12, point 5), and the links
 * between the pages that a schema cannot check (w3cLayoutErrors).
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

/** The pages in reading order: the embedded first one, then those in @included. */
const pagesOf = (document: Json) => (document.first ? [document.first as Json, ...((document['@included'] as Json[] | undefined) ?? [])] : []);

function checkDocument(document: Json) {
  expect(errors(validateDocument, document)).toEqual([]);
  expect(errors(validateCollection, document)).toEqual([]);
  expect(w3cLayoutErrors(document)).toEqual([]);
  const pages = pagesOf(document);
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
    const document = w3cCollection([ITEM], COLLECTION) as { first: { items: Json[] } };
    delete document.first.items[0]!.target;
    expect(validateDocument(document)).toBe(false);
  });
});

describe('the collection and its pages as the Working Group tests them (collectionMusts, pageMusts)', () => {
  const document = () => structuredClone(w3cCollection([ITEM], COLLECTION)) as Json & { first: Json; '@included': Json[] };
  const problems = (value: Json) => [...errors(validateDocument, value), ...w3cLayoutErrors(value)].join('\n');

  it('lays the document out as the collection: first page embedded, the later ones in @included, each one linked to the next', () => {
    const doc = document();
    expect(Object.keys(doc)).toEqual(['@context', 'id', 'type', 'label', 'total', 'first', 'last', '@included']);
    expect(doc.first).toMatchObject({
      id: `${COLLECTION.id}?page=0`,
      type: 'AnnotationPage',
      partOf: COLLECTION.id,
      startIndex: 0,
      next: `${COLLECTION.id}?page=1`,
    });
    expect(doc['@included'].map((p) => [p['@context'], p.type, p.startIndex, p.prev, p.next])).toEqual([
      [W3C_CONTEXT, 'AnnotationPage', 4, `${COLLECTION.id}?page=0`, `${COLLECTION.id}?page=2`],
      [W3C_CONTEXT, 'AnnotationPage', 8, `${COLLECTION.id}?page=1`, undefined],
    ]);
  });

  it('refuses the old layout: an @graph holding the collection and its pages, with no type at the top', () => {
    const doc = document();
    const collection = { id: doc.id, type: doc.type, label: doc.label, total: doc.total, first: doc.first.id, last: doc.last };
    const pages = [doc.first, ...doc['@included']].map((page) => Object.fromEntries(Object.entries(page).filter(([key]) => key !== '@context')));
    const old = { '@context': W3C_CONTEXT, '@graph': [collection, ...pages] };
    const found = errors(validateDocument, old).join('\n');
    expect(found).toMatch(/must have required property 'id'/u);
    expect(found).toMatch(/must have required property 'type'/u);
    expect(found).toMatch(/must NOT have additional properties .*@graph/u);
  });

  it('refuses a collection without @context, id or type, or with annotations and no first page', () => {
    for (const key of ['@context', 'id', 'type', 'first']) {
      const doc: Json = document();
      delete doc[key];
      expect(problems(doc), key).toMatch(new RegExp(`required property '${key}'`, 'u'));
    }
    expect(problems({ ...document(), type: 'AnnotationPage' })).toMatch(/\/type must be equal to constant/u);
  });

  it('refuses a page without id, type, items, startIndex or partOf, the first page or a later one', () => {
    for (const key of ['id', 'type', 'items', 'startIndex', 'partOf']) {
      const first = document();
      delete first.first[key];
      expect(problems(first), `first.${key}`).toMatch(new RegExp(`/first must have required property '${key}'`, 'u'));
      const later = document();
      delete later['@included'][0]![key];
      expect(problems(later), `@included.${key}`).toMatch(new RegExp(`/@included/0 must have required property '${key}'`, 'u'));
    }
  });

  it('refuses a page without next unless it is the last, and a later page without prev or @context', () => {
    const noNextOnFirst = document();
    delete noNextOnFirst.first.next;
    expect(problems(noNextOnFirst)).toMatch(/\/first must have required property 'next'/u);
    const noNextInTheMiddle = document();
    delete noNextInTheMiddle['@included'][0]!.next;
    expect(problems(noNextInTheMiddle)).toMatch(/\/@included must contain at least 1 and no more than 1 valid item/u);
    const nextOnTheLast = document();
    nextOnTheLast['@included'][1]!.next = `${COLLECTION.id}?page=3`;
    expect(problems(nextOnTheLast)).toMatch(/\/@included must contain at least 1 and no more than 1 valid item/u);
    const onePage = w3cCollection([ITEM], { ...COLLECTION, pageSize: 100 }) as Json & { first: Json };
    expect(problems(onePage)).toBe('');
    onePage.first.next = `${COLLECTION.id}?page=1`;
    expect(problems(onePage)).toMatch(/must NOT have required property|must match a schema in anyOf/u);
    for (const key of ['prev', '@context']) {
      const doc = document();
      delete doc['@included'][0]![key];
      expect(problems(doc), key).toMatch(new RegExp(`/@included/0 must have required property '${key}'`, 'u'));
    }
  });

  it('refuses pages that do not link up: a next naming another page, a wrong startIndex, pages out of order, a wrong total', () => {
    const wrongNext = document();
    wrongNext.first.next = `${COLLECTION.id}?page=2`;
    expect(problems(wrongNext)).toMatch(/first: next is .*page=2, but the page after it is .*page=1/u);
    const wrongStart = document();
    wrongStart['@included'][1]!.startIndex = 7;
    expect(problems(wrongStart)).toMatch(/startIndex is 7, but 8 annotations come before it/u);
    const swapped = document();
    swapped['@included'].reverse();
    expect(problems(swapped)).not.toBe('');
    expect(problems({ ...document(), total: 8 })).toMatch(/total is 8, but the pages hold 9/u);
  });
});
