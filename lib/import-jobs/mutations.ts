import { truncate } from '@/lib/text/truncate.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, type DbTx } from '@/lib/db.ts';
import { isDatabaseUnavailable } from '@/lib/db-unavailable.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { contentHash } from '@/lib/articles/normalize.ts';
import type { ParsedItem } from '@/lib/articles/parse/model.ts';
import { batches } from './batches.ts';
import { countResults, firstOccurrences, type ImportOutcome, type ItemResult } from './results.ts';

type OkItem = ParsedItem & { ok: true };
interface Candidate {
  index: number;
  item: OkItem;
  hash: string;
}

export async function createImportJob(actor: Actor): Promise<string> {
  const job = await db().importJob.create({ data: { createdById: actor.id }, select: { id: true } });
  return job.id;
}

/**
 * Writes one batch in one transaction: the new articles, their audit events, and the job's
 * counts and results. A crash between batches leaves whole batches only, and the job says
 * exactly which items exist, so rerunning the same files creates just what is missing.
 */
export async function writeBatch(tx: DbTx, actor: Actor, jobId: string, candidates: Candidate[]): Promise<ItemResult[]> {
  const duplicateOf = firstOccurrences(candidates);
  const fresh = candidates.filter((_, i) => !duplicateOf.has(i));
  // ON CONFLICT DO NOTHING on both unique keys (content hash, canonical URL): a racing import
  // of the same text waits for the other transaction and then skips, instead of failing.
  const inserted = await tx.article.createManyAndReturn({
    data: fresh.map(({ item, hash }) => ({ ...item.article, contentHash: hash, importedById: actor.id, importJobId: jobId })),
    skipDuplicates: true,
    select: { id: true, contentHash: true, title: true },
  });
  const createdByHash = new Map(inserted.map((a) => [a.contentHash, a.id]));
  const skipped = fresh.filter((c) => !createdByHash.has(c.hash));
  const existing = skipped.length
    ? await tx.article.findMany({
        where: {
          OR: [
            { contentHash: { in: skipped.map((c) => c.hash) } },
            { canonicalUrl: { in: skipped.flatMap((c) => (c.item.article.canonicalUrl ? [c.item.article.canonicalUrl] : [])) } },
          ],
        },
        select: { id: true, contentHash: true, canonicalUrl: true },
      })
    : [];
  const existingId = (c: Candidate) =>
    existing.find((a) => a.contentHash === c.hash)?.id ??
    existing.find((a) => c.item.article.canonicalUrl && a.canonicalUrl === c.item.article.canonicalUrl)?.id;

  const results: ItemResult[] = candidates.map((c, i) => {
    const first = duplicateOf.get(i);
    const source = first === undefined ? c : candidates[first]!;
    const created = first === undefined ? createdByHash.get(c.hash) : undefined;
    const articleId = created ?? createdByHash.get(source.hash) ?? existingId(source);
    return articleId
      ? { index: c.index, name: c.item.name, title: c.item.article.title, status: created ? 'created' : 'duplicate', articleId }
      : { index: c.index, name: c.item.name, status: 'failed', error: 'The article could not be stored.' };
  });

  if (inserted.length) {
    await tx.auditEvent.createMany({
      data: inserted.map((a) => ({
        actorId: actor.id,
        action: 'article.import',
        entity: 'Article',
        entityId: a.id,
        after: { title: a.title, importJobId: jobId },
      })),
    });
  }
  return results;
}

/**
 * Takes the next `count` item numbers of a job that is still open, in the caller's transaction:
 * requests feeding one job at once get distinct numbers, and a job finished meanwhile is refused
 * instead of reopened (an interrupted one is open: it runs again, see job-liveness.ts). null
 * when the job is finished or gone.
 */
export async function reserveItemNumbers(tx: DbTx, jobId: string, count: number): Promise<number | null> {
  const rows = await tx.$queryRaw<
    { first: number }[]
  >`UPDATE "ImportJob" SET "totalItems" = "totalItems" + ${count}, "status" = 'RUNNING', "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = ${jobId} AND "status" IN ('QUEUED', 'RUNNING', 'INTERRUPTED') RETURNING "totalItems" - ${count} AS "first"`;
  return rows[0]?.first ?? null;
}

/**
 * Text of a result as the database can hold it: names, errors and warnings can quote an upload
 * (a zip entry's name, a parser's message), and PostgreSQL text takes no NUL. Other control
 * characters go too, and a length cap keeps a hostile name from bloating the job's report.
 */
const storable = (text: string | undefined, max = 2_000) =>
  text === undefined ? null : truncate(text.replace(/[\u0000-\u001f\u007f]+/g, ' '), max, { unit: 'utf16', ellipsis: '' });

export async function recordResults(tx: DbTx, jobId: string, results: ItemResult[]): Promise<void> {
  const { created, duplicates, failed, annotations, relations } = countResults(results);
  await tx.importItem.createMany({
    data: results.map((r) => ({
      jobId,
      index: r.index,
      name: storable(r.name, 500),
      title: storable(r.title, 500),
      status: r.status,
      articleId: r.articleId ?? null,
      error: storable(r.error),
      annotations: r.annotations ?? null,
      relations: r.relations ?? null,
      warning: storable(r.warning),
    })),
  });
  await tx.importJob.update({
    where: { id: jobId },
    data: {
      created: { increment: created },
      duplicates: { increment: duplicates },
      failed: { increment: failed },
      annotations: { increment: annotations },
      relations: { increment: relations },
    },
  });
}

export const JOB_CLOSED = fail('conflict', 'This import job is finished; start a new one.');

/** One batch, numbered, written and recorded in one transaction. */
async function importBatch(actor: Actor, jobId: string, batch: readonly ParsedItem[]): Promise<Result<ItemResult[]>> {
  return db().$transaction(
    async (tx) => {
      const first = await reserveItemNumbers(tx, jobId, batch.length);
      if (first === null) return JOB_CLOSED;
      const numbered = batch.map((item, i) => ({ item, index: first + i }));
      const failures: ItemResult[] = numbered.flatMap(({ item, index }) =>
        item.ok ? [] : [{ index, name: item.name, status: 'failed' as const, error: item.error }],
      );
      const candidates: Candidate[] = numbered.flatMap(({ item, index }) => (item.ok ? [{ index, item, hash: contentHash(item.article.text) }] : []));
      const written = [...failures, ...(candidates.length ? await writeBatch(tx, actor, jobId, candidates) : [])];
      await recordResults(tx, jobId, written);
      return ok(written);
    },
    { timeout: 60_000 },
  );
}

/** What to tell a person when PostgreSQL refuses an article the parsers let through. */
export function storeFailureReason(error: unknown): string {
  const text = String((error as { message?: unknown })?.message ?? error);
  if (/too long for tsvector|index row (size|requires)|\b54000\b/i.test(text))
    return 'The article is too large to be indexed for search; split it into smaller articles.';
  return 'The article could not be stored.';
}

/**
 * Imports parsed items into a job, in transactions of IMPORT_LIMITS.batchSize items (fewer when
 * their texts are long, see batchCharacters). Items that failed to
 * parse are recorded as failed; a bad item fails alone. `firstIndex` numbers the items after those
 * the job already holds (several requests can feed one job, e.g. one per uploaded file).
 */
export async function importParsedItems(actor: Actor, jobId: string, items: readonly ParsedItem[]): Promise<Result<ImportOutcome>> {
  const job = await db().importJob.findUnique({ where: { id: jobId }, select: { status: true } });
  if (!job) return fail('not_found', 'No such import job.');
  if (job.status === 'done' || job.status === 'failed') return JOB_CLOSED;

  const all: ItemResult[] = [];
  for (const batch of batches(items)) {
    let written: Result<ItemResult[]>;
    try {
      written = await importBatch(actor, jobId, batch);
    } catch (error) {
      // An outage is no item's fault: the request fails (503) and a rerun imports what is missing.
      if (isDatabaseUnavailable(error)) throw error;
      // The database refused something in the batch: retry item by item so only the culprit fails.
      console.error('[import] batch refused, retrying item by item', error);
      written = await importOneByOne(actor, jobId, batch);
    }
    if (!written.ok) return written;
    all.push(...written.value);
  }
  all.sort((a, b) => a.index - b.index);
  return ok({ jobId, ...countResults(all), results: all });
}

async function importOneByOne(actor: Actor, jobId: string, batch: readonly ParsedItem[]): Promise<Result<ItemResult[]>> {
  const results: ItemResult[] = [];
  // Items that failed to parse first: they cannot fail again, so their reasons are never lost.
  const ordered = [...batch.filter((item) => !item.ok), ...batch.filter((item) => item.ok)];
  for (const item of ordered) {
    let written: Result<ItemResult[]>;
    try {
      written = await importBatch(actor, jobId, [item]);
    } catch (error) {
      written = await importBatch(actor, jobId, [{ ok: false, name: item.name, error: storeFailureReason(error) }]);
    }
    if (!written.ok) return written;
    results.push(...written.value);
  }
  return ok(results);
}

export async function finishImportJob(jobId: string): Promise<Result<null>> {
  const updated = await db().importJob.updateMany({
    where: { id: jobId, status: { in: ['queued', 'running', 'interrupted'] } },
    data: { status: 'done', finishedAt: new Date() },
  });
  if (updated.count === 0 && !(await db().importJob.count({ where: { id: jobId } }))) return fail('not_found', 'No such import job.');
  return ok(null);
}
