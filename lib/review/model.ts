import type { AnnotationDecisionDetail, AnnotationRelationDetail, AnnotationView, DecisionName } from '@/lib/annotations/model.ts';
import type { DomainError } from '@/lib/result.ts';
import type { QuoteContext } from './context.ts';

/** A review decision as the API shows it: who judged which version of which annotation, how and why. */
export interface DecisionView extends AnnotationDecisionDetail {
  annotationId: string;
}

/** What a 409 of a decision carries: the annotation as it is now, and its latest decision. */
export interface ReviewConflict {
  annotation: AnnotationView;
  decision: DecisionView | null;
}

/** A decision as a sentence says it: "Ana Ruiz already approved this version." */
export const DECISION_PAST_TENSE: Record<DecisionName, string> = { approve: 'approved', reject: 'rejected' };

export type BulkResult =
  { id: string; ok: true; annotation: AnnotationView } | { id: string; ok: false; code: DomainError['code']; message: string; current?: unknown };

/** A queued annotation, with its sentence and its relations as the side panel shows them (lib/annotations/queries.ts). */
export interface ReviewQueueItem {
  annotation: AnnotationView;
  article: { id: string; title: string };
  /** The quote's sentence around it. */
  context: QuoteContext;
  relations: AnnotationRelationDetail[];
}

export interface ReviewQueuePage {
  items: ReviewQueueItem[];
  nextCursor: string | null;
}

export interface RejectedAnnotation {
  annotation: AnnotationView;
  article: { id: string; title: string };
  /** The decision that rejected it (its reason is `comment`). */
  decision: DecisionView | null;
}

export interface QueueFilterOptions {
  authors: { id: string; name: string }[];
  articles: { id: string; title: string }[];
}
