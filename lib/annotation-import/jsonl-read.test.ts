import { describe, expect, it } from 'vitest';
import { ITEM, TEXT } from '@/lib/export/fixture.test-data.ts';
import { jsonlLine } from '@/lib/export/jsonl.ts';
import { isExportLine } from '@/lib/articles/parse/export-line.ts';
import { readExportLine, readExportLineText } from './jsonl-read.ts';
import { document, error } from './read.test-data.ts';

/** The golden fixture's JSONL line, parsed, as another tool or a person would hand it over. */
const golden = () =>
  JSON.parse(jsonlLine(ITEM)) as { article: Record<string, unknown>; annotations: Record<string, unknown>[]; relations: Record<string, unknown>[] };

const time = (iso: string) => new Date(iso);

/** A minimal line around the given annotations and relations. */
const line = (annotations: unknown[], relations: unknown[] = []) => ({ article: { title: 'T', text: TEXT }, annotations, relations });
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const claim = (id: string, rest: Record<string, unknown> = {}) => ({ id, kind: 'claim', ...span('the cafe\u0301 sea wall'), ...rest });
const source = (id: string, rest: Record<string, unknown> = {}) => ({ id, kind: 'source', ...span('Kaminose Radio'), ...rest });
const event = (id: string, rest: Record<string, unknown> = {}) => ({ id, kind: 'event', ...span('Tsunami 🌊 warning'), ...rest });

describe('readExportLine on the golden JSONL', () => {
  const read = document(readExportLine(golden(), 'export.jsonl line 1'));

  it('keeps the name, the article and its text', () => {
    expect(read.name).toBe('export.jsonl line 1');
    expect(read.article.text).toBe(TEXT);
    expect(read.article).toMatchObject({
      id: 'art1',
      title: ITEM.article.title,
      url: ITEM.article.url,
      source: 'Kaminose Daily',
      publishedAt: '2026-01-04T08:30:00.000Z',
      language: 'en',
    });
    expect(read.warnings).toEqual([]);
  });

  it('gives every annotation back as it was exported', () => {
    expect(read.annotations.map((a) => a.key).sort()).toEqual(ITEM.annotations.map((a) => a.id).sort());
    for (const original of ITEM.annotations) {
      const a = read.annotations.find((x) => x.key === original.id)!;
      expect(a, original.id).toEqual({
        key: original.id,
        kind: original.kind,
        start: original.start,
        end: original.end,
        exact: original.exact,
        note: original.note,
        attributes: original.attributes,
        unattributed: original.unattributed,
        status: original.status,
        version: original.version,
        author: { email: original.author.email, name: original.author.name },
        createdAt: time(original.createdAt),
        updatedAt: time(original.updatedAt),
        decision: original.decision && {
          decision: original.decision.decision,
          comment: original.decision.comment,
          reviewer: { email: original.decision.reviewer.email, name: original.decision.reviewer.name },
          createdAt: time(original.decision.createdAt),
        },
      });
      expect(TEXT.slice(a.start, a.end)).toBe(a.exact);
    }
  });

  it('keeps the offsets in UTF-16 units past the emoji, ZWJ family, CJK and combining accent', () => {
    const a4 = read.annotations.find((a) => a.key === 'a4')!;
    expect(TEXT.slice(a4.start, a4.end)).toBe('Kaminose Radio');
    expect(a4.start).toBe(TEXT.indexOf('Kaminose Radio'));
    const a2 = read.annotations.find((a) => a.key === 'a2')!;
    expect(a2.exact).toBe('sea wall "will hold".\n\nThe family 👩‍👩‍👧 left at dawn');
    expect(read.annotations.find((a) => a.key === 'a1')!.exact).toBe('the cafe\u0301 sea wall "will hold"');
    expect(read.annotations.find((a) => a.key === 'a1')!.note).toBe('Check with\nthe harbour office');
    expect(read.annotations.find((a) => a.key === 'a2')!.attributes).toEqual({
      date: '2026-01',
      participants: ['Satō Hana', 'The family'],
      place: 'Kaminose harbour',
    });
  });

  it('gives the relations back with their ends as the file ids, the one to an unexported annotation dropped by the writer', () => {
    const byEnds = read.relations.map((r) => `${r.fromKey}>${r.toKey}:${r.type}`).sort();
    expect(byEnds).toEqual(['a1>a2:about', 'a1>a3:attributed_to', 'a2>a4:reported_by']);
    const r1 = read.relations.find((r) => r.type === 'reported_by')!;
    expect(r1).toEqual({
      type: 'reported_by',
      fromKey: 'a2',
      toKey: 'a4',
      author: { email: 'bob@example.org', name: 'Bob, "the" Builder' },
      createdAt: time('2026-01-05T12:01:00.000Z'),
    });
  });

  it('reads the same through readExportLineText', () => {
    const text = document(readExportLineText(jsonlLine(ITEM).trimEnd(), 'x'));
    expect(text.annotations).toEqual(read.annotations);
    expect(text.relations).toEqual(read.relations);
  });
});

describe('readExportLine refusals', () => {
  const refusal = (value: unknown) => error(readExportLine(value, 'f line 2'));

  it('names the line in a refusal', () => {
    const read = readExportLine(42, 'f line 2');
    expect(read).toMatchObject({ ok: false, name: 'f line 2' });
  });

  it('refuses what is not an object', () => {
    expect(refusal(42)).toBe('The line is not an object like {"article": {…}, "annotations": […]}.');
    expect(refusal(null)).toBe('The line is not an object like {"article": {…}, "annotations": […]}.');
    expect(refusal('text')).toBe('The line is not an object like {"article": {…}, "annotations": […]}.');
  });

  it('refuses a line without an article, or with an article without text', () => {
    expect(refusal({ annotations: [] })).toBe('The line has no "article" object.');
    expect(refusal({ article: 'x' })).toBe('The line has no "article" object.');
    expect(refusal({ article: { title: 'x' } })).toBe('The article has no "text".');
    expect(refusal({ article: { text: 7 } })).toBe('The article has no "text".');
  });

  it('refuses annotations and relations that are not lists', () => {
    expect(refusal({ article: { text: 'x' }, annotations: {} })).toBe('The annotations are a list.');
    expect(refusal({ article: { text: 'x' }, relations: 'r' })).toBe('The relations are a list.');
  });

  it('refuses an unknown kind, naming the annotation', () => {
    expect(refusal(line([claim('a'), { ...claim('b'), kind: 'rumour' }]))).toBe('Annotation 2: The kind is claim, event or source.');
  });

  it('refuses an end at or before the start', () => {
    expect(refusal(line([{ ...claim('a'), end: claim('a').start }]))).toBe('Annotation 1: the end must come after the start.');
    expect(refusal(line([{ ...claim('a'), end: claim('a').start - 1 }]))).toBe('Annotation 1: the end must come after the start.');
  });

  it('refuses bad offsets', () => {
    expect(refusal(line([{ ...claim('a'), start: -1 }]))).toBe('Annotation 1: The start cannot be negative.');
    expect(refusal(line([{ ...claim('a'), start: 1.5 }]))).toBe('Annotation 1: The start is a whole number.');
    expect(refusal(line([{ ...claim('a'), end: '9' }]))).toBe('Annotation 1: The end is a number.');
  });

  it("refuses attributes the kind's schema refuses", () => {
    expect(refusal(line([claim('a', { attributes: { type: 'rumour' } })]))).toBe(
      'Annotation 1 (claim): The claim type is factual, opinion, prediction or other.',
    );
    expect(refusal(line([source('a', { attributes: { checkworthy: true } })]))).toMatch(/^Annotation 1 \(source\): /);
    expect(refusal(line([claim('a', { attributes: [1] })]))).toBe('Annotation 1: Attributes are an object.');
  });

  it('refuses a status that contradicts the last decision', () => {
    const decision = { decision: 'reject', comment: 'no', reviewer: null };
    expect(refusal(line([claim('a', { status: 'approved', decision })]))).toBe('Annotation 1: its status is approved but its last decision is to reject.');
    expect(refusal(line([claim('a', { decision: { decision: 'approve' } })]))).toBe('Annotation 1: its status is pending but its last decision is to approve.');
  });

  it('refuses a rejection without its reason', () => {
    expect(refusal(line([claim('a', { status: 'rejected', decision: { decision: 'reject' } })]))).toBe(
      'Annotation 1: a rejection needs its reason (decision.comment).',
    );
    expect(refusal(line([claim('a', { status: 'rejected', decision: { decision: 'reject', comment: '  \n' } })]))).toBe(
      'Annotation 1: a rejection needs its reason (decision.comment).',
    );
  });

  it('refuses unattributed on anything but a claim', () => {
    expect(refusal(line([source('a', { unattributed: true })]))).toBe('Annotation 1: only a claim can be marked unattributed.');
    expect(refusal(line([event('a', { unattributed: true })]))).toBe('Annotation 1: only a claim can be marked unattributed.');
  });

  it('refuses two annotations with one id, numbers and strings alike', () => {
    expect(refusal(line([claim('a1'), source('a1')]))).toBe('Two annotations have the id "a1".');
    expect(refusal(line([claim('7'), { ...source('x'), id: 7 }]))).toBe('Two annotations have the id "7".');
  });

  it('refuses a relation to an id that is not in the article', () => {
    expect(refusal(line([claim('c'), source('s')], [{ type: 'attributed_to', fromId: 'c', toId: 'gone' }]))).toBe(
      'Relation 1 links an annotation that is not in this article.',
    );
  });

  it('refuses a relation between the wrong kinds', () => {
    expect(refusal(line([event('e'), source('s')], [{ type: 'attributed_to', fromId: 'e', toId: 's' }]))).toBe(
      'Relation 1 (attributed_to) joins a event to a source; it joins a claim to a source.',
    );
    expect(refusal(line([claim('c'), source('s')], [{ type: 'attributed_to', fromId: 's', toId: 'c' }]))).toMatch(
      /^Relation 1 \(attributed_to\) joins a source to a claim/,
    );
  });

  it('refuses a relation of an unknown type or without ends', () => {
    expect(refusal(line([claim('c'), source('s')], [{ type: 'cites', fromId: 'c', toId: 's' }]))).toBe(
      'Relation 1: The relation type is attributed_to, reported_by or about.',
    );
    expect(refusal(line([claim('c'), source('s')], [{ type: 'attributed_to', from: 'c', to: 's' }]))).toBe(
      'Relation 1: A relation names its ends by fromId and toId.',
    );
  });

  it('refuses attributing a claim marked unattributed', () => {
    expect(refusal(line([claim('c', { unattributed: true }), source('s')], [{ type: 'attributed_to', fromId: 'c', toId: 's' }]))).toBe(
      'Relation 1 attributes a claim that is marked unattributed on purpose.',
    );
  });

  it('refuses times that are not ISO 8601', () => {
    const message = 'Times are ISO 8601, like 2026-01-05T10:00:00.000Z.';
    expect(refusal(line([claim('a', { createdAt: '5 January 2026' })]))).toBe(`Annotation 1: ${message}`);
    expect(refusal(line([claim('a', { updatedAt: '2026-02-30T10:00:00Z' })]))).toBe(`Annotation 1: ${message}`);
    expect(refusal(line([claim('a', { status: 'approved', decision: { decision: 'approve', createdAt: 'yesterday' } })]))).toBe(`Annotation 1: ${message}`);
    expect(refusal(line([claim('c'), source('s')], [{ type: 'attributed_to', fromId: 'c', toId: 's', createdAt: '2026-01-05' }]))).toBe(
      `Relation 1: ${message}`,
    );
  });

  it('refuses a NUL or another control character in a note or a comment', () => {
    expect(refusal(line([claim('a', { note: 'a\u0000b' })]))).toBe('Annotation 1: The note contains characters that are not allowed.');
    expect(refusal(line([claim('a', { status: 'rejected', decision: { decision: 'reject', comment: 'x\u0007' } })]))).toBe(
      'Annotation 1: The decision comment contains characters that are not allowed.',
    );
  });

  it('refuses a version below 1', () => {
    expect(refusal(line([claim('a', { version: 0 })]))).toBe('Annotation 1: The version starts at 1.');
  });
});

describe('readExportLine defaults', () => {
  const minimal = document(
    readExportLine(
      {
        article: { text: TEXT },
        annotations: [
          { kind: 'claim', ...span('the cafe\u0301 sea wall') },
          { kind: 'source', ...span('佐藤 Hana'), id: 12 },
        ],
      },
      'm',
    ),
  );
  const [first, second] = minimal.annotations;

  // The defaults stated here, not read from the code, so the test can catch a changed one.
  it('gives what another tool may leave out its default', () => {
    expect(first).toEqual({
      key: '#1',
      kind: 'claim',
      ...span('the cafe\u0301 sea wall'),
      exact: 'the cafe\u0301 sea wall',
      note: null,
      attributes: {},
      unattributed: false,
      status: 'pending',
      version: 1,
      author: { email: null, name: null },
      createdAt: null,
      updatedAt: null,
      decision: null,
    });
    expect(second).toMatchObject({ key: '12', exact: '佐藤 Hana', status: 'pending', version: 1 });
    expect(minimal.relations).toEqual([]);
  });

  it('lets relations point at the default ids', () => {
    const read = document(
      readExportLine(
        line(
          [
            { kind: 'claim', ...span('the cafe\u0301 sea wall') },
            { kind: 'source', ...span('佐藤 Hana') },
          ],
          [{ type: 'attributed_to', fromId: '#1', toId: '#2' }],
        ),
        'n',
      ),
    );
    expect(read.relations).toMatchObject([{ fromKey: '#1', toKey: '#2', author: { email: null, name: null }, createdAt: null }]);
  });

  it('keeps an exact quote as given, even if it differs from the text (anchoring decides later)', () => {
    const read = document(readExportLine(line([claim('a', { exact: 'the café sea wall' })]), 'e'));
    expect(read.annotations[0]!.exact).toBe('the café sea wall');
  });

  it('normalises people: emails lower-cased and trimmed, blanks to null', () => {
    const read = document(readExportLine(line([claim('a', { author: { email: '  Alice@Example.ORG ', name: '  ' } })]), 'p'));
    expect(read.annotations[0]!.author).toEqual({ email: 'alice@example.org', name: null });
  });

  it('treats a blank note as none and a blank approval comment as none', () => {
    const read = document(readExportLine(line([claim('a', { note: ' \n ', status: 'approved', decision: { decision: 'approve', comment: '  ' } })]), 'b'));
    expect(read.annotations[0]!.note).toBeNull();
    expect(read.annotations[0]!.decision).toEqual({ decision: 'approve', comment: null, reviewer: { email: null, name: null }, createdAt: null });
  });

  it('reads a line without annotations or relations', () => {
    const read = document(readExportLine({ article: { text: 'Plain.' } }, 'plain'));
    expect(read).toEqual({ name: 'plain', article: { text: 'Plain.' }, annotations: [], relations: [], warnings: [] });
  });
});

describe('isExportLine', () => {
  it('tells an export line from a plain article', () => {
    expect(isExportLine(golden())).toBe(true);
    expect(isExportLine({ article: {} })).toBe(true);
    expect(isExportLine({ text: 'An article', title: 'x' })).toBe(false);
    expect(isExportLine({ article: {}, text: 'both' })).toBe(true);
    expect(isExportLine({ article: 'a title' })).toBe(false);
    expect(isExportLine(null)).toBe(false);
    expect(isExportLine('article')).toBe(false);
    expect(isExportLine([{ article: {} }])).toBe(false);
  });
});

describe('readExportLineText', () => {
  it('refuses a line that is not JSON, naming it', () => {
    const read = readExportLineText('{"article": ', 'f line 9');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.name).toBe('f line 9');
    expect(read.error).toMatch(/^This line is not valid JSON: .+/);
    expect(read.error.length).toBeLessThanOrEqual('This line is not valid JSON: '.length + 200);
  });

  it('reads the shape once the JSON is read', () => {
    expect(error(readExportLineText('[1]', 'x'))).toBe('The line is not an object like {"article": {…}, "annotations": […]}.');
  });
});

describe('readExportLine: values the database could not store', () => {
  const base = { article: { text: 'Some text here.' } };
  it('refuses times outside the years 1 to 9999 once in UTC', () => {
    for (const createdAt of ['0000-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00']) {
      expect(error(readExportLine({ ...base, annotations: [{ kind: 'claim', start: 0, end: 4, createdAt }] }, 'x'))).toMatch(/years 1 to 9999/);
    }
  });

  it('refuses control characters in a person', () => {
    expect(error(readExportLine({ ...base, annotations: [{ kind: 'claim', start: 0, end: 4, author: { email: 'a\u0000@x.org' } }] }, 'x'))).toMatch(
      /email or name contains characters that are not allowed/,
    );
  });
});
