import { z } from 'zod';
import { ANNOTATION_KINDS, ANNOTATION_STATUSES, DECISIONS, RELATION_PAIRS, RELATION_TYPES } from '@/lib/annotations/model.ts';
import { ATTRIBUTE_SCHEMAS, DISALLOWED_TEXT_CHARS, NOTE_MAX } from '@/lib/annotations/schemas.ts';
import { issuesMessage } from '@/lib/articles/parse/article-fields.ts';
import { readJson } from '@/lib/articles/parse/read-json.ts';
import type { ImportAnnotation, ImportDocument, ImportPerson, ReadDocument } from './model.ts';

/**
 * A line of a JSONL export (lib/export/jsonl.ts) read back: `{ article, annotations, relations }`.
 * Everything a Newsmark export writes is read; what another tool may leave out has a default
 * (status pending, version 1, no author, now). Ids only tie relations to annotations; the
 * database hands out new ones. A line that breaks a rule fails as a whole, with a message that
 * names the annotation, so nothing of it is half-imported.
 */

const MAX_ANNOTATIONS = 20_000;
const MAX_RELATIONS = 40_000;
/** Quotes of one line together: what a batch holds in memory stays bounded however the spans overlap. */
export const MAX_QUOTED_CHARACTERS = 20_000_000;

const text = (label: string, max: number) =>
  z
    .string(`${label} is text.`)
    .max(max, `${label} has at most ${max.toLocaleString('en')} characters.`)
    .refine((s) => !DISALLOWED_TEXT_CHARS.test(s), `${label} contains characters that are not allowed.`);
// Years 1 to 9999 once in UTC: what PostgreSQL's timestamp(3) stores and JSON writes back the same.
const time = z.iso
  .datetime({ offset: true, error: 'Times are ISO 8601, like 2026-01-05T10:00:00.000Z.' })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'Times fall in the years 1 to 9999.');
const personField = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !DISALLOWED_TEXT_CHARS.test(s), "A person's email or name contains characters that are not allowed.");
const person = z
  .object({ email: personField(320).nullish(), name: personField(200).nullish() }, 'A person is { "email", "name" }.')
  .nullish()
  .transform((p): ImportPerson => ({ email: p?.email?.trim().toLowerCase() || null, name: p?.name?.trim() || null }));
const offset = (label: string) => z.number(`${label} is a number.`).int(`${label} is a whole number.`).min(0, `${label} cannot be negative.`);

const annotationSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number().int()]).nullish(),
  kind: z.enum(ANNOTATION_KINDS, 'The kind is claim, event or source.'),
  start: offset('The start'),
  end: offset('The end'),
  exact: z.string('The exact quote is text.').max(1_000_000, 'The exact quote has at most 1,000,000 characters.').nullish(),
  note: text('The note', NOTE_MAX).nullish(),
  attributes: z.record(z.string(), z.unknown(), 'Attributes are an object.').nullish(),
  unattributed: z.boolean('Unattributed is true or false.').nullish(),
  status: z.enum(ANNOTATION_STATUSES, 'The status is pending, approved or rejected.').nullish(),
  version: z.number('The version is a number.').int('The version is a whole number.').min(1, 'The version starts at 1.').max(1_000_000).nullish(),
  author: person,
  createdAt: time.nullish(),
  updatedAt: time.nullish(),
  decision: z
    .object({
      decision: z.enum(DECISIONS, 'The decision is approve or reject.'),
      comment: text('The decision comment', 5_000).nullish(),
      reviewer: person,
      createdAt: time.nullish(),
    })
    .nullish(),
});

const relationSchema = z.object({
  type: z.enum(RELATION_TYPES, 'The relation type is attributed_to, reported_by or about.'),
  fromId: z.union([z.string().min(1).max(200), z.number().int()], 'A relation names its ends by fromId and toId.'),
  toId: z.union([z.string().min(1).max(200), z.number().int()], 'A relation names its ends by fromId and toId.'),
  author: person,
  createdAt: time.nullish(),
});

const lineSchema = z.object(
  {
    article: z.record(z.string(), z.unknown(), 'The line has no "article" object.'),
    annotations: z
      .array(z.unknown(), 'The annotations are a list.')
      .max(MAX_ANNOTATIONS, `At most ${MAX_ANNOTATIONS.toLocaleString('en')} annotations per article.`)
      .nullish(),
    relations: z
      .array(z.unknown(), 'The relations are a list.')
      .max(MAX_RELATIONS, `At most ${MAX_RELATIONS.toLocaleString('en')} relations per article.`)
      .nullish(),
  },
  'The line is not an object like {"article": {…}, "annotations": […]}.',
);

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

function readAnnotation(raw: unknown, index: number, articleText: string): Read<ImportAnnotation> {
  const parsed = annotationSchema.safeParse(raw);
  const label = `Annotation ${index + 1}`;
  if (!parsed.success) return { ok: false, error: `${label}: ${issuesMessage(parsed.error)}` };
  const a = parsed.data;
  if (a.end <= a.start) return { ok: false, error: `${label}: the end must come after the start.` };
  const attributes = ATTRIBUTE_SCHEMAS[a.kind].safeParse(a.attributes ?? {});
  if (!attributes.success) return { ok: false, error: `${label} (${a.kind}): ${issuesMessage(attributes.error)}` };
  const status = a.status ?? 'pending';
  const decision = a.decision ?? null;
  if (decision && status !== (decision.decision === 'approve' ? 'approved' : 'rejected')) {
    return { ok: false, error: `${label}: its status is ${status} but its last decision is to ${decision.decision}.` };
  }
  if (decision?.decision === 'reject' && !decision.comment?.trim()) return { ok: false, error: `${label}: a rejection needs its reason (decision.comment).` };
  if (a.unattributed && a.kind !== 'claim') return { ok: false, error: `${label}: only a claim can be marked unattributed.` };
  return {
    ok: true,
    value: {
      key: a.id === null || a.id === undefined ? `#${index + 1}` : String(a.id),
      kind: a.kind,
      start: a.start,
      end: a.end,
      // Without a quote the offsets alone say what is meant, in the text as given.
      exact: a.exact ?? articleText.slice(a.start, a.end),
      note: a.note?.trim() ? a.note : null,
      attributes: attributes.data,
      unattributed: a.unattributed ?? false,
      status,
      version: a.version ?? 1,
      author: a.author,
      createdAt: a.createdAt ?? null,
      updatedAt: a.updatedAt ?? null,
      decision: decision && {
        decision: decision.decision,
        comment: decision.comment?.trim() || null,
        reviewer: decision.reviewer,
        createdAt: decision.createdAt ?? null,
      },
    },
  };
}

/** One parsed line (JSON already decoded) as a document, or why it cannot be imported. */
export function readExportLine(value: unknown, name: string): ReadDocument {
  const line = lineSchema.safeParse(value);
  if (!line.success) return { ok: false, name, error: issuesMessage(line.error) };
  const article = line.data.article;
  if (typeof article.text !== 'string') return { ok: false, name, error: 'The article has no "text".' };
  const articleText = article.text;
  const annotations: ImportAnnotation[] = [];
  let quoted = 0;
  for (const [i, raw] of (line.data.annotations ?? []).entries()) {
    const read = readAnnotation(raw, i, articleText);
    if (!read.ok) return { ok: false, name, error: read.error };
    quoted += read.value.exact.length;
    if (quoted > MAX_QUOTED_CHARACTERS)
      return {
        ok: false,
        name,
        error: `The annotations quote more than ${MAX_QUOTED_CHARACTERS.toLocaleString('en')} characters together; split the article's annotations over several lines.`,
      };
    annotations.push(read.value);
  }
  const byKey = new Map<string, ImportAnnotation>();
  for (const a of annotations) {
    if (byKey.has(a.key)) return { ok: false, name, error: `Two annotations have the id ${JSON.stringify(a.key)}.` };
    byKey.set(a.key, a);
  }
  const relations: ImportDocument['relations'] = [];
  for (const [i, raw] of (line.data.relations ?? []).entries()) {
    const parsed = relationSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, name, error: `Relation ${i + 1}: ${issuesMessage(parsed.error)}` };
    const r = parsed.data;
    const [fromKey, toKey] = [String(r.fromId), String(r.toId)];
    const [from, to] = [byKey.get(fromKey), byKey.get(toKey)];
    if (!from || !to) return { ok: false, name, error: `Relation ${i + 1} links an annotation that is not in this article.` };
    const pair = RELATION_PAIRS[r.type];
    if (from.kind !== pair.from || to.kind !== pair.to)
      return { ok: false, name, error: `Relation ${i + 1} (${r.type}) joins a ${from.kind} to a ${to.kind}; it joins a ${pair.from} to a ${pair.to}.` };
    if (r.type === 'attributed_to' && from.unattributed)
      return { ok: false, name, error: `Relation ${i + 1} attributes a claim that is marked unattributed on purpose.` };
    relations.push({ type: r.type, fromKey, toKey, author: r.author, createdAt: r.createdAt ?? null });
  }
  return { ok: true, document: { name, article: { ...article, text: articleText }, annotations, relations, warnings: [] } };
}

/** One line of text as a document: JSON first, then the line's shape. */
export function readExportLineText(line: string, name: string): ReadDocument {
  const json = readJson(line, 'This line');
  return json.ok ? readExportLine(json.value, name) : { ok: false, name, error: json.error };
}
