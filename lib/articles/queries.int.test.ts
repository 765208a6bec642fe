import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db.ts';
import type { HighlightSegment } from './highlight.ts';
import { articleListQuerySchema, listArticles, listSources, type ArticleListItem } from './queries.ts';
import { contentHash, normalizeArticleText } from './normalize.ts';
import { SEARCH_PLACEHOLDERS, SEARCH_PUNCTUATION } from './search-text.ts';

// Every test works in its own source, so the tests of this file do not see each other's articles.
let authorId: string;
let n = 0;
const newSource = () => `Src ${++n} ${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  authorId = (await db().user.create({ data: { email: `author-${Date.now()}@int.example`, name: 'Author', passwordHash: 'x' } })).id;
});

interface ArticleSpec {
  title: string;
  text?: string;
  source: string;
  publishedAt?: string | null;
  createdAt?: string;
  archived?: boolean;
  annotations?: { kind?: 'claim' | 'event' | 'source'; status?: 'pending' | 'approved' | 'rejected' }[];
}

async function makeArticle(spec: ArticleSpec) {
  const text = normalizeArticleText(spec.text ?? `Plain filler text ${randomBytes(4).toString('hex')}.`);
  const article = await db().article.create({
    data: {
      title: spec.title,
      text,
      contentHash: contentHash(`${text}\n${randomBytes(8).toString('hex')}`),
      source: spec.source,
      publishedAt: spec.publishedAt ? new Date(spec.publishedAt) : null,
      ...(spec.createdAt ? { createdAt: new Date(spec.createdAt) } : {}),
      archivedAt: spec.archived ? new Date() : null,
    },
  });
  for (const a of spec.annotations ?? []) {
    await db().annotation.create({
      data: { articleId: article.id, authorId, kind: a.kind ?? 'claim', status: a.status ?? 'pending', start: 0, end: 5, exact: text.slice(0, 5) },
    });
  }
  return article;
}

const list = (input: Record<string, unknown>) => listArticles(articleListQuerySchema.parse(input));
const titles = async (input: Record<string, unknown>) => (await list({ limit: 100, ...input })).items.map((i) => i.title);
const plain = (segments: HighlightSegment[]) => segments.map((s) => s.text).join('');
const marked = (segments: HighlightSegment[]) => segments.filter((s) => s.highlight).map((s) => s.text);

/** Every page of a listing, following nextCursor: the ids in order. */
async function allPages(input: Record<string, unknown>, limit: number): Promise<ArticleListItem[]> {
  const items: ArticleListItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await list({ ...input, limit, cursor });
    expect(result.items.length).toBeLessThanOrEqual(limit);
    items.push(...result.items);
    if (!result.nextCursor) return items;
    cursor = result.nextCursor;
  }
  throw new Error('Too many pages');
}

describe('full-text search', () => {
  it('ranks a title hit above a body hit, even a body that repeats the word', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Budget vote delayed', text: 'The zephyrine fleet. Zephyrine boats, zephyrine nets and more zephyrine.' });
    await makeArticle({ source, title: 'Zephyrine harbour reopens', text: 'Boats are back after the storm.' });
    await makeArticle({ source, title: 'Unrelated', text: 'Nothing to see.' });
    const { items } = await list({ q: 'zephyrine', source });
    expect(items.map((i) => i.title)).toEqual(['Zephyrine harbour reopens', 'Budget vote delayed']);
    expect(items[0]!.rank!).toBeGreaterThan(items[1]!.rank!);
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('matches the start of title words ("harb" finds "Harbour"), but only in titles', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Quillharbour fire trial opens', text: 'A court heard evidence.' });
    await makeArticle({ source, title: 'Market report', text: 'Quillharbour was calm.' });
    expect(await titles({ q: 'quillh', source })).toEqual(['Quillharbour fire trial opens']);
    expect(await titles({ q: 'QUILLHARB fir', source })).toEqual(['Quillharbour fire trial opens']);
    const [item] = (await list({ q: 'quillh', source })).items;
    expect(marked(item!.titleHighlight)).toEqual(['Quillharbour']);
    expect(plain(item!.titleHighlight)).toBe('Quillharbour fire trial opens');
  });

  it('shows a title exactly as stored, even when it looks like markup', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Why <script> tags & “quotes” matter to Vexillum' });
    const [item] = (await list({ q: 'vexillum', source })).items;
    expect(plain(item!.titleHighlight)).toBe('Why <script> tags & “quotes” matter to Vexillum');
  });

  it('finds words beside curly quotes, dashes and apostrophes, and after what looks like a tag', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Quotes', text: '“Nowadays the marlinspike—not the net—matters,” the skipper’s mate said. It’s «finished».' });
    await makeArticle({ source, title: 'Markup', text: 'How <script> tags break parsers, and the halyard after them.' });
    for (const q of ['nowadays', 'marlinspike', 'net', 'matters', 'skipper', 'finished', '“nowadays”'])
      expect(await titles({ q, source }), q).toEqual(['Quotes']);
    expect(await titles({ q: 'halyard', source })).toEqual(['Markup']);
    const [quotes] = (await list({ q: 'marlinspike skipper', source })).items;
    expect(plain(quotes!.snippet)).toContain('Nowadays the marlinspike—not the net—matters,” the skipper’s mate said. It’s «finished');
    expect(marked(quotes!.snippet)).toEqual(['marlinspike', 'skipper']);
    const [markup] = (await list({ q: 'halyard', source })).items;
    expect(plain(markup!.snippet)).toContain('How <script> tags break parsers');
  });

  it('prepares text in SQL exactly as lib/articles/search-text.ts expects', async () => {
    const [row] = await db().$queryRaw<{ out: string }[]>`SELECT "newsmark_search_text"(${SEARCH_PUNCTUATION}) AS out`;
    expect(row!.out).toBe(SEARCH_PLACEHOLDERS);
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('stems English words and finds CJK and Hangul names written as words', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Marina fire', text: 'Two fires burned overnight at the marina.' });
    await makeArticle({ source, title: 'Squid catch falls', text: 'The captain 陈立文 (Chén Lìwén) and 한유진 (Han Yu-jin) disagree.' });
    expect(await titles({ q: 'burning', source })).toEqual(['Marina fire']);
    expect(await titles({ q: '陈立文', source })).toEqual(['Squid catch falls']);
    expect(await titles({ q: '한유진', source })).toEqual(['Squid catch falls']);
  });

  it('returns highlighted snippets from the text as plain segments', async () => {
    const source = newSource();
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(40);
    await makeArticle({ source, title: 'Council notes', text: `${filler}\n\nThe <b>xylocarp</b> contract & “quoted” terms were signed.\n\n${filler}` });
    const [item] = (await list({ q: 'xylocarp contract', source })).items;
    expect(marked(item!.snippet).map((s) => s.toLowerCase())).toEqual(expect.arrayContaining(['xylocarp', 'contract']));
    const text = plain(item!.snippet);
    expect(text).not.toMatch(/[\u0002\u0003]/);
    expect(text).toContain('“quoted”');
    expect(text.length).toBeLessThan(filler.length);
  });

  it('understands web search syntax and never fails on odd input', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Water contract signed', text: 'The county signed the water contract.' });
    await makeArticle({ source, title: 'Water levels fall', text: 'The reservoir is low.' });
    expect(await titles({ q: 'water -contract', source })).toEqual(['Water levels fall']);
    expect(await titles({ q: '"signed the water"', source })).toEqual(['Water contract signed']);
    for (const q of [`'":*&|!()<->\\`, 'a:* & (', '!!!', 'the', '🦑']) expect(await titles({ q, source })).toEqual([]);
  });
});

describe('filters', () => {
  it('filters by source, and lists the sources of visible articles', async () => {
    const [a, b, hidden] = [newSource(), newSource(), newSource()];
    await makeArticle({ source: a, title: 'From A' });
    await makeArticle({ source: b, title: 'From B' });
    await makeArticle({ source: hidden, title: 'Archived', archived: true });
    expect(await titles({ source: a })).toEqual(['From A']);
    const sources = await listSources();
    expect(sources).toEqual(expect.arrayContaining([a, b]));
    expect(sources).not.toContain(hidden);
    expect(await listSources(true)).toContain(hidden);
  });

  it('filters by published date, whole days inclusive, leaving undated articles out', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Early', publishedAt: '2024-03-01T00:00:00Z' });
    await makeArticle({ source, title: 'Late night', publishedAt: '2024-03-02T23:59:59.999Z' });
    await makeArticle({ source, title: 'Next day', publishedAt: '2024-03-03T00:00:00Z' });
    await makeArticle({ source, title: 'Undated' });
    expect(await titles({ source, from: '2024-03-01', to: '2024-03-02', sort: 'title' })).toEqual(['Early', 'Late night']);
    expect(await titles({ source, from: '2024-03-02', sort: 'title' })).toEqual(['Late night', 'Next day']);
    expect(await titles({ source, to: '2024-03-01' })).toEqual(['Early']);
  });

  it('filters by having annotations and by review state', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'None' });
    await makeArticle({ source, title: 'Pending', annotations: [{ status: 'pending' }, { status: 'approved' }] });
    await makeArticle({
      source,
      title: 'Approved',
      annotations: [
        { status: 'approved', kind: 'event' },
        { status: 'approved', kind: 'source' },
      ],
    });
    await makeArticle({ source, title: 'Rejected', annotations: [{ status: 'rejected' }, { status: 'approved' }] });
    await makeArticle({ source, title: 'Mixed', annotations: [{ status: 'rejected' }, { status: 'pending' }] });
    const sorted = { source, sort: 'title' };
    expect(await titles({ ...sorted, annotated: 'no' })).toEqual(['None']);
    expect(await titles({ ...sorted, annotated: 'yes' })).toEqual(['Approved', 'Mixed', 'Pending', 'Rejected']);
    expect(await titles({ ...sorted, review: 'pending' })).toEqual(['Mixed', 'Pending']);
    expect(await titles({ ...sorted, review: 'approved' })).toEqual(['Approved']);
    expect(await titles({ ...sorted, review: 'rejected' })).toEqual(['Mixed', 'Rejected']);
  });

  it('hides archived articles unless asked, and keeps their annotations', async () => {
    const source = newSource();
    await makeArticle({ source, title: 'Live' });
    const archived = await makeArticle({ source, title: 'Gone', archived: true, annotations: [{}] });
    expect(await titles({ source })).toEqual(['Live']);
    expect(await titles({ source, q: 'gone' })).toEqual([]);
    expect(await titles({ source, archived: 'include', sort: 'title' })).toEqual(['Gone', 'Live']);
    const only = await list({ source, archived: 'only' });
    expect(only.items.map((i) => [i.title, i.archivedAt !== null, i.annotationCount])).toEqual([['Gone', true, 1]]);
    expect(await db().annotation.count({ where: { articleId: archived.id } })).toBe(1);
  });
});

describe('counts', () => {
  it('counts annotations by kind and status per article, in the one list query', async () => {
    const source = newSource();
    await makeArticle({
      source,
      title: 'Counted',
      annotations: [
        { kind: 'claim', status: 'pending' },
        { kind: 'claim', status: 'approved' },
        { kind: 'event', status: 'rejected' },
        { kind: 'source', status: 'approved' },
        { kind: 'source', status: 'approved' },
      ],
    });
    await makeArticle({ source, title: 'Empty' });
    const { items } = await list({ source, sort: 'title' });
    expect(items.map((i) => [i.title, i.annotationCount, i.counts])).toEqual([
      ['Counted', 5, { claims: 2, events: 1, sources: 2, pending: 1, approved: 3, rejected: 1 }],
      ['Empty', 0, { claims: 0, events: 0, sources: 0, pending: 0, approved: 0, rejected: 0 }],
    ]);
  });

  it("keeps the article's annotation count in step with inserts, deletes and moves", async () => {
    const source = newSource();
    const a = await makeArticle({ source, title: 'A', text: 'Some text here.', annotations: [{}, {}] });
    const b = await makeArticle({ source, title: 'B', text: 'Other text here.' });
    const count = async (id: string) => (await db().articleAnnotationCount.findUniqueOrThrow({ where: { articleId: id } })).count;
    expect([await count(a.id), await count(b.id)]).toEqual([2, 0]);
    const first = await db().annotation.findFirstOrThrow({ where: { articleId: a.id } });
    await db().annotation.update({ where: { id: first.id }, data: { articleId: b.id, exact: 'Other' } });
    expect([await count(a.id), await count(b.id)]).toEqual([1, 1]);
    await db().annotation.deleteMany({ where: { articleId: a.id } });
    expect([await count(a.id), await count(b.id)]).toEqual([0, 1]);
  });
});

describe('sorting and keyset pagination', () => {
  let source: string;
  beforeAll(async () => {
    source = newSource();
    const specs: Omit<ArticleSpec, 'source'>[] = [
      { title: 'delta pelican', publishedAt: '2024-05-01T10:00:00Z', createdAt: '2025-01-01T00:00:00Z', annotations: [{}, {}] },
      { title: 'Alpha pelican', publishedAt: '2024-05-01T10:00:00Z', createdAt: '2025-01-02T00:00:00Z', annotations: [{}] },
      { title: 'alpha pelican', publishedAt: null, createdAt: '2025-01-03T00:00:00Z', annotations: [{}, {}] },
      { title: 'Bravo', text: 'A pelican and another pelican.', publishedAt: '2023-01-01T00:00:00Z', createdAt: '2025-01-01T00:00:00Z' },
      { title: 'Charlie pelican', publishedAt: null, createdAt: '2025-01-03T00:00:00Z', annotations: [{}, {}, {}] },
      { title: 'Echo', text: 'One pelican.', publishedAt: '2024-06-01T00:00:00Z', createdAt: '2025-01-01T00:00:00Z', annotations: [{}] },
      { title: 'Foxtrot pelican pelican', publishedAt: '2024-06-01T00:00:00Z', createdAt: '2025-01-01T00:00:00Z' },
    ];
    for (const spec of specs) await makeArticle({ ...spec, source });
  });

  it.each([
    ['newest', {}],
    ['title', {}],
    ['annotated', {}],
    ['relevance', { q: 'pelican' }],
    ['newest', { q: 'pelican' }],
  ])('pages through %s %j without duplicates or gaps', async (sort, extra) => {
    const everything = (await list({ source, sort, limit: 100, ...extra })).items;
    expect(everything).toHaveLength(7);
    for (const limit of [1, 2, 3]) {
      const paged = await allPages({ source, sort, ...extra }, limit);
      expect(paged.map((i) => i.id)).toEqual(everything.map((i) => i.id));
    }
  });

  it('orders newest by published date with undated last, then by import date, then id', async () => {
    const { items } = await list({ source, sort: 'newest', limit: 100 });
    const byId = (a: ArticleListItem, b: ArticleListItem) => (a.id < b.id ? 1 : -1);
    const sameDates = (x: string, y: string) =>
      items
        .filter((i) => i.title === x || i.title === y)
        .sort(byId)
        .map((i) => i.title);
    expect(items.map((i) => i.title)).toEqual([
      ...sameDates('Foxtrot pelican pelican', 'Echo'),
      'Alpha pelican', // same date as "delta pelican", imported later
      'delta pelican',
      'Bravo',
      ...sameDates('alpha pelican', 'Charlie pelican'), // undated, same import date
    ]);
  });

  it('orders by title case-insensitively and by most annotated', async () => {
    const byTitle = await titles({ source, sort: 'title' });
    expect(byTitle.map((t) => t.toLowerCase())).toEqual([
      'alpha pelican',
      'alpha pelican',
      'bravo',
      'charlie pelican',
      'delta pelican',
      'echo',
      'foxtrot pelican pelican',
    ]);
    const byCount = (await list({ source, sort: 'annotated', limit: 100 })).items.map((i) => i.annotationCount);
    expect(byCount).toEqual([3, 2, 2, 1, 1, 0, 0]);
  });

  it('sorts a search by relevance by default, titles first', async () => {
    const { items } = await list({ source, q: 'pelican', limit: 100 });
    const ranks = items.map((i) => i.rank!);
    expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
    expect(
      items
        .slice(-2)
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Bravo', 'Echo']);
  });

  it('refuses a cursor of another sort, or one not issued by us', async () => {
    const { nextCursor } = await list({ source, sort: 'title', limit: 2 });
    expect(articleListQuerySchema.safeParse({ sort: 'newest', cursor: nextCursor }).success).toBe(false);
    expect(articleListQuerySchema.safeParse({ sort: 'title', cursor: nextCursor }).success).toBe(true);
    for (const cursor of ['abc', 'eyJ4IjoxfQ', Buffer.from('["title",1,"x"]').toString('base64url'), '!!!']) {
      expect(articleListQuerySchema.safeParse({ sort: 'title', cursor }).success, cursor).toBe(false);
    }
  });
});
