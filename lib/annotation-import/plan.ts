import { truncate } from '@/lib/text/truncate.ts';
import { STATUS_DECISION, type AnnotationFields, type DecisionName, type RelationTypeName } from '@/lib/annotations/model.ts';
import { newRowId } from '@/lib/row-id.ts';
import { reanchor } from './anchor.ts';
import type { ImportDocument, ImportPerson } from './model.ts';

/**
 * What one imported document adds to the database, decided without it: the rows to insert and
 * what to say about them. Pure (given the stored article, what it already holds and who is who),
 * so the rules are unit-tested and the service only writes.
 *
 * - Spans are anchored into the stored text (anchor.ts); a span that cannot be is left out and
 *   counted.
 * - An annotation the article already has (same kind, span and author) is not created again, so
 *   importing a file twice, or into the instance it came from, adds nothing; relations to it
 *   still link to the one that exists. Twins are counted, not collapsed: a file with two equal
 *   annotations where the article has one adds the second.
 * - Authors and reviewers are matched by email; anyone unknown is the placeholder user.
 * - Status, version, times and the last decision are kept. An approved or rejected annotation
 *   without a decision (another tool's data) gets one by the placeholder user, so the review
 *   history never shows a status nobody decided.
 */

export interface StoredArticle {
  id: string;
  text: string;
}

/** What the article already holds, keyed as `annotationKey` and `relationKey` say (equal annotations share a key). */
export interface Existing {
  annotations: Map<string, string[]>;
  relations: Set<string>;
  /** Claims of the article marked "unattributed on purpose": none of them may be attributed to a source. */
  unattributed: Set<string>;
}

export interface People {
  /** Lower-cased email -> user id. */
  byEmail: Map<string, string>;
  placeholderId: string;
}

export const annotationKey = (a: { kind: string; start: number; end: number; authorId: string }) => `${a.kind}:${a.start}:${a.end}:${a.authorId}`;
export const relationKey = (r: { fromId: string; toId: string; type: string }) => `${r.fromId}:${r.toId}:${r.type}`;

export interface AnnotationRow extends AnnotationFields {
  authorId: string;
}

export interface DecisionRow {
  id: string;
  annotationId: string;
  reviewerId: string;
  decision: DecisionName;
  comment: string | null;
  annotationVersion: number;
  createdAt: Date;
}

export interface RelationRow {
  id: string;
  fromId: string;
  toId: string;
  type: RelationTypeName;
  authorId: string;
  createdAt: Date;
}

export interface DocumentPlan {
  annotations: AnnotationRow[];
  decisions: DecisionRow[];
  relations: RelationRow[];
  /** Annotations the article already had. */
  duplicates: number;
  /** Spans whose quote is not in the stored text. */
  notAnchored: number;
  warnings: string[];
}

export const REJECTED_WITHOUT_REASON = 'Rejected before the import; the file gave no reason.';

export function planDocument(document: ImportDocument, article: StoredArticle, existing: Existing, people: People, now: Date): DocumentPlan {
  const userId = (person: ImportPerson) => (person.email && people.byEmail.get(person.email)) || people.placeholderId;
  const plan: DocumentPlan = { annotations: [], decisions: [], relations: [], duplicates: 0, notAnchored: 0, warnings: [...document.warnings] };
  const idByKey = new Map<string, string>();
  /** How many of the existing annotations of each key this document has matched so far. */
  const matched = new Map<string, number>();
  const notAnchored: string[] = [];

  for (const a of document.annotations) {
    const anchor = reanchor(document.article.text, article.text, a);
    if (!anchor) {
      plan.notAnchored++;
      notAnchored.push(JSON.stringify(truncate(a.exact, 41, { unit: 'utf16' })));
      continue;
    }
    const authorId = userId(a.author);
    const { kind } = a;
    const key = annotationKey({ kind, start: anchor.start, end: anchor.end, authorId });
    const n = matched.get(key) ?? 0;
    const known = existing.annotations.get(key)?.[n];
    if (known) {
      matched.set(key, n + 1);
      plan.duplicates++;
      idByKey.set(a.key, known);
      continue;
    }
    const id = newRowId();
    idByKey.set(a.key, id);
    const createdAt = a.createdAt ?? now;
    plan.annotations.push({
      id,
      articleId: article.id,
      authorId,
      kind,
      ...anchor,
      note: a.note ?? '',
      attributes: a.attributes,
      unattributed: a.unattributed,
      status: a.status,
      version: a.version,
      createdAt,
      updatedAt: a.updatedAt ?? createdAt,
    });
    if (a.status !== 'pending') {
      const decision = a.decision;
      plan.decisions.push({
        id: newRowId(),
        annotationId: id,
        reviewerId: decision ? userId(decision.reviewer) : people.placeholderId,
        decision: STATUS_DECISION[a.status],
        comment: decision?.comment ?? (a.status === 'rejected' ? REJECTED_WITHOUT_REASON : null),
        annotationVersion: a.version,
        createdAt: decision?.createdAt ?? a.updatedAt ?? createdAt,
      });
    }
  }

  const linked = new Set<string>();
  let unplaced = 0;
  let refused = 0;
  for (const r of document.relations) {
    const fromId = idByKey.get(r.fromKey);
    const toId = idByKey.get(r.toKey);
    if (!fromId || !toId) {
      unplaced++;
      continue;
    }
    const row = { fromId, toId, type: r.type };
    const key = relationKey(row);
    if (existing.relations.has(key) || linked.has(key)) continue;
    // The claim already in the article is marked unattributed on purpose; the relations service refuses this link too.
    if (row.type === 'attributed_to' && existing.unattributed.has(fromId)) {
      refused++;
      continue;
    }
    linked.add(key);
    plan.relations.push({ id: newRowId(), ...row, authorId: userId(r.author), createdAt: r.createdAt ?? now });
  }

  if (unplaced) plan.warnings.push(`Left out ${unplaced.toLocaleString('en')} relations to annotations that were left out.`);
  if (refused) plan.warnings.push(`Left out ${refused.toLocaleString('en')} attributions of claims this article marks unattributed on purpose.`);
  if (notAnchored.length) {
    const shown = notAnchored.slice(0, 3).join(', ');
    plan.warnings.push(
      `Left out ${notAnchored.length.toLocaleString('en')} annotations whose text is not in the stored article: ${shown}${notAnchored.length > 3 ? ', …' : ''}.`,
    );
  }
  return plan;
}
