import { codePointConverter } from './code-points.ts';
import { canonicalItem, sortKeysDeep } from './order.ts';
import type { ExportAnnotation, ExportItem, ExportPerson, ExportRelation } from './model.ts';

/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/) as JSON-LD.
 *
 * - IRIs: with a `baseUrl` (e.g. "https://newsmark.example"), `<baseUrl>/articles/<id>`,
 *   `<baseUrl>/annotations/<id>`, `<baseUrl>/relations/<id>`, `<baseUrl>/users/<id>`; without
 *   one, `urn:newsmark:<article|annotation|relation|user>:<id>`.
 * - The target's `source` is the article in Newsmark, not its original publication URL: the
 *   selectors count into Newsmark's normalised text, which may differ from the page on the web.
 * - Target: a SpecificResource with a TextQuoteSelector (exact, prefix, suffix) and a
 *   TextPositionSelector counted in Unicode code points (the API counts UTF-16 units).
 * - Bodies, in this order: the kind (TextualBody, purpose "tagging"); the note (purpose
 *   "commenting", only when there is one); the attributes as ONE TextualBody with purpose
 *   "describing", format "application/json" and the attributes object (keys sorted) serialised
 *   as its value (only when there are any); the review decision (purpose "assessing", value
 *   "approved" or "rejected", creator the reviewer, created the time of the decision; the
 *   reviewer's comment is in the JSONL export only).
 * - Relations are annotations with motivation "linking", a tagging body naming the relation type
 *   and the two annotations as targets: the first target is `from`, the second `to`.
 */
export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3cOptions {
  baseUrl?: string;
}

type Json = Record<string, unknown>;

const iri = (kind: 'articles' | 'annotations' | 'relations' | 'users', id: string, baseUrl?: string) =>
  baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${kind}/${encodeURIComponent(id)}` : `urn:newsmark:${kind.slice(0, -1)}:${id}`;

const person = (p: ExportPerson, id?: string): Json => ({ ...(id === undefined ? {} : { id }), type: 'Person', name: p.name, email: `mailto:${p.email}` });

function annotationBodies(a: ExportAnnotation): Json[] {
  const bodies: Json[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.kind }];
  if (a.note) bodies.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: a.note });
  if (Object.values(a.attributes).some((v) => v !== undefined)) {
    bodies.push({ type: 'TextualBody', purpose: 'describing', format: 'application/json', value: JSON.stringify(sortKeysDeep(a.attributes)) });
  }
  if (a.decision && a.status !== 'pending') {
    bodies.push({ type: 'TextualBody', purpose: 'assessing', value: a.status, creator: person(a.decision.reviewer), created: a.decision.createdAt });
  }
  return bodies;
}

/** One article's annotations, then its relations, as W3C annotations (no @context). */
export function w3cAnnotationsFor(input: ExportItem, { baseUrl }: W3cOptions = {}): Json[] {
  const { article, annotations, relations } = canonicalItem(input);
  const source = iri('articles', article.id, baseUrl);
  const codePoints = codePointConverter(article.text);
  const out: Json[] = annotations.map((a) => ({
    id: iri('annotations', a.id, baseUrl),
    type: 'Annotation',
    motivation: 'tagging',
    body: annotationBodies(a),
    target: {
      type: 'SpecificResource',
      source,
      selector: [
        { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        { type: 'TextPositionSelector', start: codePoints(a.start), end: codePoints(a.end) },
      ],
    },
    creator: person(a.author, iri('users', a.author.id, baseUrl)),
    created: a.createdAt,
    modified: a.updatedAt,
  }));
  for (const r of relations) out.push(w3cRelation(r, baseUrl));
  return out;
}

function w3cRelation(r: ExportRelation, baseUrl?: string): Json {
  return {
    id: iri('relations', r.id, baseUrl),
    type: 'Annotation',
    motivation: 'linking',
    body: { type: 'TextualBody', purpose: 'tagging', value: r.type },
    target: [iri('annotations', r.fromId, baseUrl), iri('annotations', r.toId, baseUrl)],
    creator: person(r.author),
    created: r.createdAt,
    modified: r.createdAt,
  };
}

export interface W3cCollectionOptions extends W3cOptions {
  /** The collection's IRI; pages are `<id>?page=<n>`, counted from 0. */
  id: string;
  label: string;
  /** Annotations per AnnotationPage; 1000 unless told. */
  pageSize?: number;
}

const pageId = (collectionId: string, n: number) => `${collectionId}?page=${n}`;

/**
 * The whole export as one JSON-LD document laid out as the Web Annotation Data Model's §5.1
 * shows a collection: the AnnotationCollection at the top (@context, id, type, label, total),
 * its `first` AnnotationPage embedded, `last`, and the later pages in `@included`. An empty export
 * is a collection with total 0 and no pages. Why this layout: docs/formats.md, "The W3C export's
 * layout".
 */
export function w3cCollection(items: Iterable<ExportItem>, options: W3cCollectionOptions): Json {
  const annotations = [...items].flatMap((item) => w3cAnnotationsFor(item, options));
  return JSON.parse(writeAll(annotations.length, options, [annotations])) as Json;
}

function writeAll(total: number, options: W3cCollectionOptions, chunks: Json[][]): string {
  const writer = new W3cCollectionWriter({ ...options, total });
  let out = writer.start();
  for (const chunk of chunks) out += writer.write(chunk);
  return out + writer.end();
}

/**
 * Streams the document that w3cCollection builds, in string chunks: `start()`, then `write()`
 * for each article's annotations (from w3cAnnotationsFor), then `end()`. The total must be known
 * first (count the annotations and exported relations before streaming); at most one page is
 * held in memory. Throws when fewer or more annotations arrive than announced.
 *
 * Every page links to the next by id (§5.2), never by nesting: the WG's pageMusts want `next` to
 * be one IRI, and pages nested in pages would make the document as deep as it has pages (an
 * import refuses JSON deeper than 64). So the first page is the collection's `first`, as the
 * Protocol's container embeds it, and each later page is a node of its own in the collection's
 * JSON-LD 1.1 `@included` block, in order, with its own @context so that it passes pageMusts on
 * its own too. A reader follows `next` from `first` to the page of that id; a JSON-LD processor
 * gets every page as a node of the same graph. All of it is written as it comes: the collection's
 * keys are known from the total, and a page is written once it is full.
 */
export class W3cCollectionWriter {
  private readonly pageSize: number;
  private readonly pages: number;
  private page: Json[] = [];
  private written = 0;
  private pageIndex = 0;

  constructor(private readonly options: W3cCollectionOptions & { total: number }) {
    this.pageSize = options.pageSize ?? 1000;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) throw new Error('pageSize must be a positive whole number');
    this.pages = Math.ceil(options.total / this.pageSize);
  }

  start(): string {
    const { id, label, total } = this.options;
    return `{"@context":${JSON.stringify(W3C_CONTEXT)},"id":${JSON.stringify(id)},"type":"AnnotationCollection","label":${JSON.stringify(label)},"total":${total}`;
  }

  write(annotations: readonly Json[]): string {
    let out = '';
    for (const annotation of annotations) {
      this.page.push(annotation);
      if (this.page.length === this.pageSize) out += this.flush();
    }
    return out;
  }

  end(): string {
    const out = this.page.length ? this.flush() : '';
    if (this.written !== this.options.total) throw new Error(`W3C export announced ${this.options.total} annotations but wrote ${this.written}`);
    return `${out}${this.pages > 1 ? ']' : ''}}`;
  }

  private flush(): string {
    const { id } = this.options;
    const n = this.pageIndex++;
    if (n >= this.pages) throw new Error(`W3C export announced ${this.options.total} annotations but got more`);
    const page: Json = n === 0 ? {} : { '@context': W3C_CONTEXT };
    Object.assign(page, { id: pageId(id, n), type: 'AnnotationPage', partOf: id, startIndex: this.written });
    if (n > 0) page.prev = pageId(id, n - 1);
    if (n < this.pages - 1) page.next = pageId(id, n + 1);
    page.items = this.page;
    this.written += this.page.length;
    this.page = [];
    const json = JSON.stringify(page);
    if (n === 0) return `,"first":${json},"last":${JSON.stringify(pageId(id, this.pages - 1))}`;
    return n === 1 ? `,"@included":[${json}` : `,${json}`;
  }
}
