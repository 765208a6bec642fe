'use client';

import { useState, type RefObject } from 'react';
import { KIND_LABEL, STATUS_LABEL, type RelationTypeName } from '@/lib/annotations/model';
import type { PaintRelation } from '@/lib/annotations/paint';
import { Button } from '@/components/ui/Button';
import { CommentThread } from './CommentThread';
import { HistoryTimeline } from './HistoryTimeline';
import { ConflictNotice } from './panel/ConflictNotice';
import { EditForm } from './panel/EditForm';
import { quoteOf, timeFormat } from './panel/format';
import { RelationsSection } from './panel/RelationsSection';
import { ReviewBox } from './panel/ReviewBox';
import { SpanNudges } from './panel/SpanNudges';
import { useEditForm } from './panel/useEditForm';
import { isTemporary, type ClientAnnotation, type ClientRelation } from './store/annotator-store';
import type { AnnotationChanges, AnnotationJson, PatchResult } from './types';
import { can, type Role } from '@/lib/auth/policy';

export interface PanelActions {
  patch: (id: string, changes: AnnotationChanges, version?: number) => Promise<PatchResult>;
  requestDelete: (id: string) => void;
  startPicking: (fromId: string, type: RelationTypeName) => void;
  removeRelation: (relation: PaintRelation) => void;
  select: (id: string) => void;
  nudgeSpan: (edge: 'start' | 'end', direction: 1 | -1) => void;
  /** A review decision was recorded: paint the new status. */
  reviewed: (annotation: AnnotationJson) => void;
  close: () => void;
}

interface Props {
  annotation: ClientAnnotation;
  text: string;
  me: { id: string; role: Role; canAnnotate: boolean; canComment: boolean };
  rejectReasons: readonly string[];
  users: Record<string, string>;
  relations: ClientRelation[];
  byId: Map<string, ClientAnnotation>;
  commentsKey: number;
  headingRef: RefObject<HTMLHeadingElement | null>;
  actions: PanelActions;
  archived: boolean;
}

/** The selected annotation: what it is, who made it, its review, relations and discussion. */
export function AnnotationPanel({ annotation, text, me, users, relations, byId, commentsKey, headingRef, actions, archived, rejectReasons }: Props) {
  const saved = !isTemporary(annotation);
  // Editing waits for the server's id: a change to a span still being saved has nowhere to go.
  const own = annotation.authorId === me.id && me.canAnnotate && !archived && saved;
  const form = useEditForm(annotation, saved, actions.patch);
  const [reviewing, setReviewing] = useState(false);
  const current = form.detail;
  // Reviewers judge others' annotations here as in the queue; never their own (the server agrees).
  // The policy's own rule (reviewers, never on their own work); the server checks it again.
  const canJudge = saved && !archived && can({ id: me.id, role: me.role, disabled: false }, 'review:annotation', { authorId: annotation.authorId });
  const busy = form.saving || reviewing;

  return (
    <div className="space-y-4 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold">
          <span className={`legend-swatch k-${annotation.kind}`}>{KIND_LABEL[annotation.kind]}</span>{' '}
          <span className="text-stone-600">· {STATUS_LABEL[annotation.status]}</span>
        </h2>
        <Button type="button" variant="compact-quiet" onClick={actions.close} className="px-2 text-lg leading-none" aria-label="Close the panel (Esc)">
          ×
        </Button>
      </div>

      <blockquote className="border-l-4 border-stone-300 pl-3 font-serif text-base text-stone-800">{quoteOf(text, annotation)}</blockquote>
      <p className="text-xs text-stone-600">
        By <span className="font-medium text-stone-800">{users[annotation.authorId] ?? 'someone'}</span>
        {current ? (
          <>
            {' '}
            · <time dateTime={current.createdAt}>{timeFormat.format(new Date(current.createdAt))}</time> · version {annotation.version}
          </>
        ) : null}
        {!saved ? ' · saving…' : null}
      </p>

      <ReviewBox
        annotation={annotation}
        lastDecision={current?.decisions[0]}
        canJudge={canJudge}
        rejectReasons={rejectReasons}
        busy={busy}
        setBusy={setReviewing}
        reviewed={actions.reviewed}
      />

      <ConflictNotice
        conflict={form.conflict}
        changedUnderneath={form.changedUnderneath}
        version={annotation.version}
        text={text}
        applyAgain={(conflict) => void form.apply(conflict.changes, conflict.current.version)}
        keepTheirs={(conflict) => form.keepTheirs(conflict.current)}
      />

      <EditForm annotation={annotation} own={own} saved={saved} form={{ ...form, saving: busy }} />

      {own ? <SpanNudges nudge={actions.nudgeSpan} /> : null}

      {/* Props passed one by one like SpanHandles in Annotator: different children that happen to take similar props. */}
      <RelationsSection
        annotation={annotation}
        text={text}
        relations={relations}
        byId={byId}
        canLink={me.canAnnotate && !archived}
        meId={me.id}
        own={own}
        saving={busy}
        select={actions.select}
        removeRelation={actions.removeRelation}
        startPicking={actions.startPicking}
        setUnattributed={(unattributed) => void form.apply({ unattributed })}
      />

      {saved ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium uppercase tracking-wide text-stone-600">History</summary>
          <HistoryTimeline annotationId={annotation.id} refreshKey={annotation.version * 1000 + commentsKey + (current?.decisions.length ?? 0)} />
        </details>
      ) : null}

      {saved ? <CommentThread annotationId={annotation.id} refreshKey={commentsKey} canComment={me.canComment} /> : null}

      {own && saved ? (
        <Button type="button" variant="compact-danger" onClick={() => actions.requestDelete(annotation.id)} className="px-3 py-1">
          Delete annotation (Del)
        </Button>
      ) : null}
    </div>
  );
}
