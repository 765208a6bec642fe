import { auditSnapshot } from '@/lib/annotations/audit-snapshot.ts';
import { STORED_DECISION, STORED_KIND, STORED_RELATION_TYPE, STORED_STATUS } from '@/lib/annotations/model.ts';
import { parseImportItem } from '@/lib/articles/parse/import-item.ts';
import { contentHash } from '@/lib/articles/normalize.ts';
import { lockArticlesForWrite } from '@/lib/articles/write-lock.ts';
import { countResults, type ImportOutcome, type ItemResult } from '@/lib/import-jobs/results.ts';
import { JOB_CLOSED, recordResults, reserveItemNumbers, storeFailureReason, writeBatch } from '@/lib/import-jobs/mutations.ts';
import { auditRow } from '@/lib/audit/record.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, Prisma, type DbTx } from '@/lib/db.ts';
import { isDatabaseUnavailable } from '@/lib/db-unavailable.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { findUsersByEmail } from '@/lib/users/queries.ts';
import { placeholderEmail } from './people.ts';
import { annotationKey, planDocument, relationKey, type DocumentPlan, type Existing } from './plan.ts';
import type { ImportDocument, ReadDocument } from './model.ts';

/**
 * Writes annotated documents (export lines, brat documents) into an import job. Documents arrive
 * as an (async) iterable, so a file of any length is read, planned and written a batch at a time
 * with flat memory. Each batch is one transaction: its articles (the article import's own
 * normalisation and deduplication), their annotations, decisions and relations, the audit trail,
 * and the job's item results. A crash leaves whole batches, and a rerun of the same file adds
 * only what is missing (duplicate articles, annotations the article already has).
 */

/**
 * A batch closes at this many documents, annotations or characters (article texts and quotes),
 * whichever comes first: the characters bound what a batch holds in memory when articles are
 * long or their spans large.
 */
export const ANNOTATED_BATCH = { documents: 100, annotations: 5_000, characters: 20_000_000 };

const weightOf = (read: ReadDocument) => (read.ok ? read.document.article.text.length + read.document.annotations.reduce((n, a) => n + a.exact.length, 0) : 0);

interface Numbered {
  read: ReadDocument;
  index: number;
}

const emailsOf = (d: ImportDocument) => [
  ...d.annotations.flatMap((a) => [a.author.email, a.decision?.reviewer.email]),
  ...d.relations.map((r) => r.author.email),
];

const addTo = (pools: Map<string, string[]>, key: string, id: string) => {
  const pool = pools.get(key);
  if (pool) pool.push(id);
  else pools.set(key, [id]);
};

/** The tables the import writes in bulk and, from the generated client, each one's columns: the only names its SQL may hold. */
const INSERT_COLUMNS = {
  Annotation: Prisma.AnnotationScalarFieldEnum,
  AuditEvent: Prisma.AuditEventScalarFieldEnum,
  ReviewDecision: Prisma.ReviewDecisionScalarFieldEnum,
  Relation: Prisma.RelationScalarFieldEnum,
} as const;
type InsertTable = keyof typeof INSERT_COLUMNS;
type InsertRow<T extends InsertTable> = { readonly [C in keyof (typeof INSERT_COLUMNS)[T]]?: unknown };

/**
 * Inserts rows as one JSON parameter expanded by json_populate_recordset: thousands of rows in
 * one statement without one bind parameter per value (Prisma's createMany sent ~50,000 of them for
 * a batch of annotations and spent most of the import's time on it). The columns are the first
 * row's keys, each checked against the table's columns; columns left out take their defaults.
 */
async function insertRows<T extends InsertTable>(tx: DbTx, table: T, rows: readonly InsertRow<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const known: Readonly<Record<string, string>> = INSERT_COLUMNS[table];
  const columns = Object.keys(rows[0]!)
    .map((key) => {
      const column = Object.hasOwn(known, key) ? known[key] : undefined;
      if (column === undefined) throw new Error(`"${table}" has no column "${key}".`);
      return `"${column}"`;
    })
    .join(', ');
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    JSON.stringify(rows),
  );
}

/**
 * What the batch's duplicate articles already hold, and their stored text. They are locked
 * against archiving first (lib/articles/write-lock.ts), so the archivedAt read next is the one
 * that holds until this batch commits.
 */
async function loadExisting(tx: DbTx, articleIds: string[]) {
  await lockArticlesForWrite(tx, articleIds);
  const [articles, annotations, relations] = articleIds.length
    ? await Promise.all([
        tx.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, text: true, archivedAt: true } }),
        tx.annotation.findMany({
          where: { articleId: { in: articleIds } },
          select: { id: true, articleId: true, kind: true, start: true, end: true, authorId: true, unattributed: true },
          orderBy: { id: 'asc' },
        }),
        tx.relation.findMany({
          where: { from: { articleId: { in: articleIds } } },
          select: { fromId: true, toId: true, type: true, from: { select: { articleId: true } } },
        }),
      ])
    : [[], [], []];
  const existing = new Map<string, Existing>(articleIds.map((id) => [id, { annotations: new Map(), relations: new Set(), unattributed: new Set() }]));
  for (const a of annotations) {
    const held = existing.get(a.articleId)!;
    addTo(held.annotations, annotationKey(a), a.id);
    if (a.unattributed) held.unattributed.add(a.id);
  }
  for (const r of relations) existing.get(r.from.articleId)!.relations.add(relationKey(r));
  return { articles: new Map(articles.map((a) => [a.id, a])), existing };
}

async function writeDocuments(tx: DbTx, actor: Actor, jobId: string, placeholderId: string, batch: readonly Numbered[]): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  const candidates: { index: number; document: ImportDocument; item: ReturnType<typeof parseImportItem> & { ok: true }; hash: string }[] = [];
  for (const { read, index } of batch) {
    if (!read.ok) {
      results.push({ index, name: read.name, status: 'failed', error: read.error });
      continue;
    }
    const item = parseImportItem(read.document.article, read.document.name);
    if (!item.ok) results.push({ index, name: item.name, status: 'failed', error: item.error });
    else candidates.push({ index, document: read.document, item, hash: contentHash(item.article.text) });
  }
  if (candidates.length === 0) return results;

  const written = await writeBatch(tx, actor, jobId, candidates);
  const writtenByIndex = new Map(written.map((r) => [r.index, r]));
  const duplicateIds = [...new Set(written.flatMap((r) => (r.status === 'duplicate' && r.articleId ? [r.articleId] : [])))];
  const stored = await loadExisting(tx, duplicateIds);
  const people = {
    byEmail: await findUsersByEmail(
      tx,
      candidates.flatMap((c) => emailsOf(c.document)).filter((e): e is string => !!e),
    ),
    placeholderId,
  };

  const now = new Date();
  const plans: DocumentPlan[] = [];
  for (const c of candidates) {
    const result = writtenByIndex.get(c.index)!;
    if (result.status === 'failed' || !result.articleId) {
      results.push(result);
      continue;
    }
    const previous = stored.articles.get(result.articleId);
    if (previous?.archivedAt) {
      results.push({
        ...result,
        annotations: 0,
        relations: 0,
        warning: 'The article is archived in this corpus; its annotations were not imported. Unarchive it and import again.',
      });
      continue;
    }
    const existing = stored.existing.get(result.articleId) ?? { annotations: new Map(), relations: new Set<string>(), unattributed: new Set<string>() };
    stored.existing.set(result.articleId, existing);
    const plan = planDocument(c.document, { id: result.articleId, text: previous?.text ?? c.item.article.text }, existing, people, now);
    // A later document of the batch on the same article sees what this one adds.
    for (const a of plan.annotations) addTo(existing.annotations, annotationKey(a), a.id);
    for (const r of plan.relations) existing.relations.add(relationKey(r));
    for (const a of plan.annotations) if (a.unattributed) existing.unattributed.add(a.id);
    plans.push(plan);
    const warning = plan.warnings.concat(plan.duplicates ? [`${plan.duplicates.toLocaleString('en')} annotations were already in the article.`] : []).join(' ');
    results.push({ ...result, annotations: plan.annotations.length, relations: plan.relations.length, ...(warning ? { warning } : {}) });
  }

  const annotations = plans.flatMap((p) => p.annotations);
  const decisions = plans.flatMap((p) => p.decisions);
  const relations = plans.flatMap((p) => p.relations);
  if (annotations.length) {
    await insertRows(
      tx,
      'Annotation',
      annotations.map((a) => ({ ...a, kind: STORED_KIND[a.kind], status: STORED_STATUS[a.status] })),
    );
    const decisionOf = new Map(decisions.map((d) => [d.annotationId, d]));
    await insertRows(
      tx,
      'AuditEvent',
      annotations.map((a) => {
        const d = decisionOf.get(a.id);
        const after = {
          ...auditSnapshot(a),
          authorId: a.authorId,
          importJobId: jobId,
        };
        const decision = d && { decision: d.decision, comment: d.comment, reviewerId: d.reviewerId, createdAt: d.createdAt.toISOString() };
        return auditRow({
          actorId: actor.id,
          action: 'annotation.import',
          entity: 'Annotation',
          entityId: a.id,
          after: (decision ? { ...after, decision } : after) as Prisma.InputJsonValue,
        });
      }),
    );
  }
  if (decisions.length)
    await insertRows(
      tx,
      'ReviewDecision',
      decisions.map((d) => ({ ...d, decision: STORED_DECISION[d.decision] })),
    );
  if (relations.length) {
    await insertRows(
      tx,
      'Relation',
      relations.map((r) => ({ ...r, type: STORED_RELATION_TYPE[r.type] })),
    );
    await insertRows(
      tx,
      'AuditEvent',
      relations.map((r) =>
        auditRow({
          actorId: actor.id,
          action: 'relation.create',
          entity: 'Relation',
          entityId: r.id,
          after: { fromId: r.fromId, toId: r.toId, type: r.type, authorId: r.authorId, importJobId: jobId },
        }),
      ),
    );
  }
  return results;
}

async function importBatch(actor: Actor, jobId: string, placeholderId: string, batch: readonly ReadDocument[]): Promise<Result<ItemResult[]>> {
  return db().$transaction(
    async (tx) => {
      const first = await reserveItemNumbers(tx, jobId, batch.length);
      if (first === null) return JOB_CLOSED;
      const results = await writeDocuments(
        tx,
        actor,
        jobId,
        placeholderId,
        batch.map((read, i) => ({ read, index: first + i })),
      );
      await recordResults(tx, jobId, results);
      return ok(results);
    },
    { timeout: 120_000 },
  );
}

/** A batch the database refused, again one document at a time, so only the culprit fails. */
async function importOneByOne(actor: Actor, jobId: string, placeholderId: string, batch: readonly ReadDocument[]): Promise<Result<ItemResult[]>> {
  const results: ItemResult[] = [];
  for (const read of batch) {
    let written: Result<ItemResult[]>;
    try {
      written = await importBatch(actor, jobId, placeholderId, [read]);
    } catch (error) {
      console.error('[annotation import] document refused', error);
      const name = read.ok ? read.document.name : read.name;
      written = await importBatch(actor, jobId, placeholderId, [{ ok: false, name, error: storeFailureReason(error) }]);
    }
    if (!written.ok) return written;
    results.push(...written.value);
  }
  return ok(results);
}

/** Imports the documents into an open job, batch by batch, and says per document what it created. */
export async function importDocuments(
  actor: Actor,
  jobId: string,
  documents: AsyncIterable<ReadDocument> | Iterable<ReadDocument>,
): Promise<Result<ImportOutcome>> {
  const job = await db().importJob.findUnique({ where: { id: jobId }, select: { status: true } });
  if (!job) return fail('not_found', 'No such import job.');
  if (job.status === 'done' || job.status === 'failed') return JOB_CLOSED;
  const placeholderId = await ensurePlaceholderUser();

  const all: ItemResult[] = [];
  let batch: ReadDocument[] = [];
  let annotations = 0;
  let characters = 0;
  const flush = async (): Promise<Result<null>> => {
    if (batch.length === 0) return ok(null);
    let written: Result<ItemResult[]>;
    try {
      written = await importBatch(actor, jobId, placeholderId, batch);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error; // no document's fault: 503, and a rerun adds what is missing
      console.error('[annotation import] batch refused, retrying document by document', error);
      written = await importOneByOne(actor, jobId, placeholderId, batch);
    }
    batch = [];
    annotations = 0;
    characters = 0;
    if (!written.ok) return written;
    all.push(...written.value);
    return ok(null);
  };
  for await (const read of documents) {
    const weight = weightOf(read);
    if (batch.length && characters + weight > ANNOTATED_BATCH.characters) {
      const flushed = await flush();
      if (!flushed.ok) return flushed;
    }
    batch.push(read);
    annotations += read.ok ? read.document.annotations.length : 0;
    characters += weight;
    if (batch.length >= ANNOTATED_BATCH.documents || annotations >= ANNOTATED_BATCH.annotations || characters >= ANNOTATED_BATCH.characters) {
      const flushed = await flush();
      if (!flushed.ok) return flushed;
    }
  }
  const flushed = await flush();
  if (!flushed.ok) return flushed;
  all.sort((a, b) => a.index - b.index);
  return ok({ jobId, ...countResults(all), results: all });
}

/**
 * The account unknown authors of imported annotations are credited to. An existing account with
 * that email is used as it is (a team may point it at a real "legacy data" account); otherwise a
 * disabled account named "Imported" is created, which can never sign in (no password hash
 * verifies) but shows in the annotator and the review history as the author.
 */
export async function ensurePlaceholderUser(): Promise<string> {
  const email = placeholderEmail();
  const found = await findUsersByEmail(db(), [email]);
  const existing = found.get(email);
  if (existing) return existing;
  await db().$executeRaw`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "disabledAt", "updatedAt")
    VALUES (${`cimported${Date.now().toString(36)}`}, ${email}, 'Imported', 'RESEARCHER', '!no-password: placeholder of imported data', now(), now())
    ON CONFLICT DO NOTHING`;
  const created = (await findUsersByEmail(db(), [email])).get(email);
  if (!created) throw new Error(`The placeholder user ${email} could not be created.`);
  return created;
}
