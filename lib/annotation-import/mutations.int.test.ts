import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAnnotationHistory } from '@/lib/annotations/queries.ts';
import { createImportJob } from '@/lib/import-jobs/mutations.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { readBratZip } from './brat-zip.ts';
import { readExportLine } from './jsonl-read.ts';
import { DEFAULT_PLACEHOLDER_EMAIL } from './people.ts';
import { importDocuments } from './mutations.ts';
import type { ReadDocument } from './model.ts';

let admin: Actor;
beforeAll(async () => {
  const row = await db().user.create({ data: { email: 'importer@svc.example', name: 'Importer', role: 'ADMIN', passwordHash: 'x' } });
  admin = { id: row.id, role: 'ADMIN', disabled: false };
  await db().user.create({ data: { email: 'known@svc.example', name: 'Known Person', role: 'RESEARCHER', passwordHash: 'x' } });
});
afterEach(() => {
  delete process.env.IMPORT_PLACEHOLDER_EMAIL;
});

const line = (value: object, name = 'test.jsonl line 1') => readExportLine(value, name);
async function run(documents: ReadDocument[]) {
  const outcome = await importDocuments(admin, await createImportJob(admin), documents);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}
const span = (text: string, quote: string, rest: object = {}) => ({
  start: text.indexOf(quote),
  end: text.indexOf(quote) + quote.length,
  exact: quote,
  ...rest,
});
const annotationsOf = (articleId: string) =>
  db().annotation.findMany({ where: { articleId }, orderBy: { start: 'asc' }, include: { author: true, decisions: { include: { reviewer: true } } } });

describe('importDocuments', () => {
  it('matches authors by email (any case) and gives unknown ones to a disabled "Imported" placeholder', async () => {
    const text = 'Placeholder test: the council said the bridge reopens on Monday.';
    const outcome = await run([
      line({
        article: { title: 'Bridge', text },
        annotations: [
          { id: 'a', kind: 'claim', ...span(text, 'the bridge reopens on Monday'), author: { email: 'KNOWN@svc.example', name: 'whoever' } },
          {
            id: 'b',
            kind: 'source',
            ...span(text, 'the council'),
            author: { email: 'stranger@elsewhere.example', name: 'Stranger' },
            status: 'approved',
            decision: { decision: 'approve', reviewer: { email: 'nobody@elsewhere.example' } },
          },
        ],
        relations: [{ type: 'attributed_to', fromId: 'a', toId: 'b', author: { email: 'known@svc.example' } }],
      }),
    ]);
    expect(outcome).toMatchObject({ created: 1, annotations: 2, relations: 1 });
    const [source, claim] = await annotationsOf(outcome.results[0]!.articleId!);
    expect(claim!.author.email).toBe('known@svc.example');
    expect(source!.author).toMatchObject({ email: DEFAULT_PLACEHOLDER_EMAIL, name: 'Imported' });
    expect(source!.author.disabledAt).not.toBeNull();
    expect(source!.status).toBe('approved');
    expect(source!.decisions).toEqual([expect.objectContaining({ decision: 'approve', annotationVersion: 1, reviewerId: source!.authorId })]);
    const audit = await db().auditEvent.findMany({ where: { entityId: { in: [claim!.id, source!.id] } } });
    expect(audit.map((e) => e.action)).toEqual(['annotation.import', 'annotation.import']);
    // The panel's history starts with the import, by the admin who ran it, then the link.
    const history = await getAnnotationHistory(claim!.id);
    expect(history!.items.map((i) => [i.type, i.actor?.id, i.type === 'created' ? i.imported : undefined])).toEqual([
      ['created', admin.id, true],
      ['linked', admin.id, undefined],
    ]);
  });

  it('uses the account IMPORT_PLACEHOLDER_EMAIL names', async () => {
    process.env.IMPORT_PLACEHOLDER_EMAIL = 'Known@svc.example';
    const text = 'Configured placeholder: rain is expected all week, forecasters say.';
    const outcome = await run([
      line({ article: { text }, annotations: [{ kind: 'claim', ...span(text, 'rain is expected all week'), author: { email: 'ghost@x.example' } }] }),
    ]);
    const [claim] = await annotationsOf(outcome.results[0]!.articleId!);
    expect(claim!.author.email).toBe('known@svc.example');
  });

  it('puts annotations on the article already in the corpus, re-anchored when its text differs, and says what it left out', async () => {
    const stored = 'Corrected: the minister resigned on Tuesday, aides confirmed.';
    const existing = await db().article.create({
      data: {
        title: 'Minister',
        text: stored,
        url: 'https://news.example/minister',
        canonicalUrl: 'https://news.example/minister',
        contentHash: 'svc-minister',
      },
    });
    const given = 'Original: the minister resigned on Monday, aides confirmed. A bad quote.';
    const outcome = await run([
      line({
        article: { text: given, url: 'https://news.example/minister?utm_source=feed' },
        annotations: [
          { kind: 'source', ...span(given, 'aides'), author: { email: 'known@svc.example' } },
          { kind: 'claim', ...span(given, 'the minister resigned on Monday'), author: { email: 'known@svc.example' } },
        ],
      }),
    ]);
    expect(outcome.results[0]).toMatchObject({ status: 'duplicate', articleId: existing.id, annotations: 1 });
    expect(outcome.results[0]!.warning).toMatch(/Left out 1 annotations whose text is not in the stored article: "the minister resigned on Monday"/);
    const [aides] = await annotationsOf(existing.id);
    expect(stored.slice(aides!.start, aides!.end)).toBe('aides');
    expect(aides!.prefix).toBe(stored.slice(0, aides!.start).slice(-32));
  });

  it('imports nothing onto an archived article, and fails a bad document alone', async () => {
    const text = 'Archived: the mill closed in 1990, residents recall.';
    await db().article.create({
      data: { title: 'Mill', text, contentHash: (await import('@/lib/articles/normalize.ts')).contentHash(text), archivedAt: new Date() },
    });
    const good = 'Good line: the ferry sails again from today.';
    const outcome = await run([
      line({ article: { text }, annotations: [{ kind: 'claim', ...span(text, 'the mill closed in 1990') }] }, 'f.jsonl line 1'),
      line({ article: { text: 'Bad line text.' }, annotations: [{ kind: 'opinion', start: 0, end: 3 }] }, 'f.jsonl line 2'),
      line(
        { article: { text: good }, annotations: [{ kind: 'event', ...span(good, 'the ferry sails again'), attributes: { place: 'Harbour' } }] },
        'f.jsonl line 3',
      ),
    ]);
    expect(outcome.results.map((r) => r.status)).toEqual(['duplicate', 'failed', 'created']);
    expect(outcome.results[0]).toMatchObject({ annotations: 0, warning: expect.stringMatching(/archived/) });
    expect(outcome.results[1]).toMatchObject({ name: 'f.jsonl line 2', error: expect.stringMatching(/Annotation 1: The kind is claim, event or source/) });
    const [ferry] = await annotationsOf(outcome.results[2]!.articleId!);
    expect(ferry).toMatchObject({ kind: 'event', attributes: { place: 'Harbour' }, status: 'pending' });
  });

  it('imports nothing onto an article archived while the import waits for it', async () => {
    const text = 'Archived meanwhile: the pier reopened in spring, the harbour office said.';
    const { contentHash } = await import('@/lib/articles/normalize.ts');
    const article = await db().article.create({ data: { title: 'Pier', text, contentHash: contentHash(text) } });
    let importing: ReturnType<typeof run> | undefined;
    // An archive as setArticleArchived makes it (the row locked FOR UPDATE, then archivedAt set),
    // held open until the import waits on a lock: wherever it waits, the archive commits first.
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Article" WHERE "id" = ${article.id} FOR UPDATE`;
      importing = run([line({ article: { text }, annotations: [{ kind: 'claim', ...span(text, 'the pier reopened in spring') }] })]);
      for (let waited = 0; ; waited += 1) {
        const [row] = await db().$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (row!.n > 0) break;
        if (waited > 200) throw new Error('the import never waited for the archive');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await tx.article.update({ where: { id: article.id }, data: { archivedAt: new Date() } });
    });
    const outcome = await importing!;
    expect(outcome.results[0]).toMatchObject({ status: 'duplicate', articleId: article.id, annotations: 0, warning: expect.stringMatching(/archived/) });
    expect(await db().annotation.count({ where: { articleId: article.id } })).toBe(0);
  });

  it('gives an approved or rejected annotation without a decision one by the placeholder', async () => {
    const text = 'Other tool: officials denied the report on Friday.';
    const outcome = await run([line({ article: { text }, annotations: [{ kind: 'claim', ...span(text, 'denied the report'), status: 'rejected' }] })]);
    const [claim] = await annotationsOf(outcome.results[0]!.articleId!);
    expect(claim!.decisions).toEqual([expect.objectContaining({ decision: 'reject', comment: expect.stringMatching(/no reason/) })]);
  });

  it('imports a brat zip: code point offsets, fragments joined, attributes, notes, relations, and warnings for the rest', async () => {
    const text = 'Wave 🌊 hit Kaminose,\nsaid 佐藤 美咲 on Sunday.';
    // Code points: "Wave 🌊 hit Kaminose," is 0–20; the emoji is one character in brat.
    const ann = [
      'T1\tClaim 5 20;21 25\t🌊 hit Kaminose, said',
      'T2\tSource 26 31\t佐藤 美咲',
      'T3\tPerson 26 28\t佐藤',
      'A1\tCheckworthy T1',
      'A2\tType T2 named_person',
      'A3\tCanonicalName T2 Satō_Misaki',
      'A4\tType T1 not_a_type',
      'R1\tAttributedTo Arg1:T1 Arg2:T2',
      '#1\tAnnotatorNotes T1\tSee the wire copy',
      'E1\tAttack:T3',
      '',
    ].join('\n');
    const zip = zipSync({
      'corpus/doc1.txt': strToU8(text),
      'corpus/doc1.ann': strToU8(ann),
      'corpus/annotation.conf': strToU8('[entities]\n'),
      'corpus/notes.md': strToU8('hi'),
    });
    const read = await readBratZip(zip);
    if (!read.ok) throw new Error(read.error);
    const outcome = await run(read.documents);
    expect(outcome.results.map((r) => [r.name, r.status])).toEqual([
      ['corpus/notes.md', 'failed'],
      ['corpus/doc1', 'created'],
    ]);
    const doc = outcome.results[1]!;
    expect(doc).toMatchObject({ annotations: 2, relations: 1 });
    expect(doc.warning).toMatch(/types this tool does not have: Person \(1\)/);
    expect(doc.warning).toMatch(/events \(E lines\) \(1\)/);
    expect(doc.warning).toMatch(/Type on T1/);
    const [claim, source] = await annotationsOf(doc.articleId!);
    expect(claim).toMatchObject({
      kind: 'claim',
      exact: '🌊 hit Kaminose,\nsaid',
      note: 'See the wire copy',
      attributes: { checkworthy: true },
      status: 'pending',
    });
    expect(claim!.author.email).toBe(DEFAULT_PLACEHOLDER_EMAIL);
    expect(source).toMatchObject({ kind: 'source', exact: '佐藤 美咲', attributes: { type: 'named_person', canonicalName: 'Satō_Misaki' } });
    expect(await db().relation.count({ where: { fromId: claim!.id, toId: source!.id, type: 'attributed_to' } })).toBe(1);
  });
});
