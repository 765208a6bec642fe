import { db, type Prisma } from '@/lib/db.ts';
import type { ItemResult } from './results.ts';

type ImportItemRow = {
  index: number;
  name: string | null;
  title: string | null;
  status: ItemResult['status'];
  articleId: string | null;
  error: string | null;
  annotations: number | null;
  relations: number | null;
  warning: string | null;
};

function toItemResult(row: ImportItemRow): ItemResult {
  return {
    index: row.index,
    ...(row.name !== null ? { name: row.name } : {}),
    ...(row.title !== null ? { title: row.title } : {}),
    status: row.status,
    ...(row.articleId !== null ? { articleId: row.articleId } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.annotations !== null ? { annotations: row.annotations } : {}),
    ...(row.relations !== null ? { relations: row.relations } : {}),
    ...(row.warning !== null ? { warning: row.warning } : {}),
  };
}

export type ImportJobState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportJobView {
  id: string;
  state: ImportJobState;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: string;
  totalItems: number;
  created: number;
  duplicates: number;
  failed: number;
  annotations: number;
  relations: number;
}

const viewSelect = {
  id: true,
  status: true,
  createdAt: true,
  finishedAt: true,
  totalItems: true,
  created: true,
  duplicates: true,
  failed: true,
  annotations: true,
  relations: true,
  createdBy: { select: { name: true } },
} as const;

/** A job whose process died or whose uploader left is marked INTERRUPTED by job-liveness.ts. */
function toView(job: Prisma.ImportJobGetPayload<{ select: typeof viewSelect }>): ImportJobView {
  const state: ImportJobState = job.status;
  return {
    id: job.id,
    state,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    createdBy: job.createdBy.name,
    totalItems: job.totalItems,
    created: job.created,
    duplicates: job.duplicates,
    failed: job.failed,
    annotations: job.annotations,
    relations: job.relations,
  };
}

const itemSelect = {
  index: true,
  name: true,
  title: true,
  status: true,
  articleId: true,
  error: true,
  annotations: true,
  relations: true,
  warning: true,
} as const;

/**
 * A job with its results in item order; with `failuresFirst`, the failed items come first and at
 * most `limit` rows are read, so a report of a huge job stays quick to show.
 */
export async function getImportJob(
  id: string,
  options: { failuresFirst?: boolean; limit?: number } = {},
): Promise<(ImportJobView & { results: ItemResult[] }) | null> {
  const job = await db().importJob.findUnique({ where: { id }, select: viewSelect });
  if (!job) return null;
  const limit = options.limit;
  let rows: ImportItemRow[];
  if (options.failuresFirst) {
    const failed = await db().importItem.findMany({ where: { jobId: id, status: 'failed' }, orderBy: { index: 'asc' }, take: limit, select: itemSelect });
    const rest =
      limit !== undefined && failed.length >= limit
        ? []
        : await db().importItem.findMany({
            where: { jobId: id, status: { not: 'failed' } },
            orderBy: { index: 'asc' },
            take: limit === undefined ? undefined : limit - failed.length,
            select: itemSelect,
          });
    rows = [...failed, ...rest];
  } else {
    rows = await db().importItem.findMany({ where: { jobId: id }, orderBy: { index: 'asc' }, take: limit, select: itemSelect });
  }
  return { ...toView(job), results: rows.map(toItemResult) };
}

/** The job's state and counts without its results: cheap enough to poll while a long file imports. */
export async function getImportJobSummary(id: string): Promise<ImportJobView | null> {
  const job = await db().importJob.findUnique({ where: { id }, select: viewSelect });
  return job ? toView(job) : null;
}

export async function listRecentImportJobs(take = 10): Promise<ImportJobView[]> {
  const jobs = await db().importJob.findMany({ orderBy: { createdAt: 'desc' }, take, select: viewSelect });
  return jobs.map(toView);
}
