'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import {
  RELATION_PAIRS,
  type RelationTypeName,
  ANNOTATION_KINDS,
  type AnnotationKindName,
  KIND_LABEL,
  STATUS_LABEL,
  RELATION_LABEL,
} from '@/lib/annotations/model';
import type { PaintAnnotation, PaintRelation } from '@/lib/annotations/paint';
import { ATTRIBUTE_SCHEMAS } from '@/lib/annotations/schemas';
import { callApi } from '@/lib/http/client';
import type { FieldErrors } from '@/lib/result';
import { AttributesFields, attributesFromDraft, draftFromAttributes, type AttributeDraft } from './AttributesFields';
import { RejectForm } from '@/components/review/RejectForm';
import { CommentThread } from './CommentThread';
import { HistoryTimeline } from './HistoryTimeline';
import type { AnnotationChanges, AnnotationDetailJson, AnnotationJson, PatchResult } from './types';
import { can, type Role } from '@/lib/auth/policy';

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const QUOTE_MAX = 400;

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
  annotation: PaintAnnotation;
  text: string;
  me: { id: string; role: Role; canAnnotate: boolean; canComment: boolean };
  rejectReasons: readonly string[];
  users: Record<string, string>;
  relations: PaintRelation[];
  byId: Map<string, PaintAnnotation>;
  commentsKey: number;
  headingRef: RefObject<HTMLHeadingElement | null>;
  actions: PanelActions;
  archived: boolean;
}

const quoteOf = (text: string, a: { start: number; end: number }) => {
  const q = text.slice(a.start, a.end);
  return q.length > QUOTE_MAX ? `${q.slice(0, QUOTE_MAX)}…` : q;
};

/** The selected annotation: what it is, who made it, its review, relations and discussion. */
export function AnnotationPanel({ annotation, text, me, users, relations, byId, commentsKey, headingRef, actions, archived, rejectReasons }: Props) {
  const saved = !annotation.id.startsWith('tmp-');
  // Editing waits for the server's id: a change to a span still being saved has nowhere to go.
  const own = annotation.authorId === me.id && me.canAnnotate && !archived && saved;
  const [detail, setDetail] = useState<AnnotationDetailJson | null>(null);
  const [note, setNote] = useState('');
  const [draft, setDraft] = useState<AttributeDraft>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ current: AnnotationJson; changes: AnnotationChanges } | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reviewMessage, setReviewMessage] = useState<string | null>(null);

  // What the form was filled from: saving sends its version, so an edit made over someone
  // else's newer version gets a conflict instead of silently replacing it.
  const [baseline, setBaseline] = useState<AnnotationJson | null>(null);
  const [changedUnderneath, setChangedUnderneath] = useState(false);
  const form = useRef({ note, draft, baseline });
  useEffect(() => {
    form.current = { note, draft, baseline };
  });

  const isDirty = (f: { note: string; draft: AttributeDraft; baseline: AnnotationJson | null }) =>
    f.baseline !== null &&
    (f.note !== f.baseline.note || JSON.stringify(attributesFromDraft(f.baseline.kind, f.draft)) !== JSON.stringify(f.baseline.attributes));

  const fillForm = useCallback((a: AnnotationJson) => {
    setBaseline(a);
    setNote(a.note);
    setDraft(draftFromAttributes(a.kind, a.attributes));
    setChangedUnderneath(false);
    setErrors({});
  }, []);

  // Reload when the annotation changes here or elsewhere (its version or status moves); what
  // the user is typing is kept, and they are told the annotation moved on underneath them.
  useEffect(() => {
    if (!saved) return;
    let live = true;
    void callApi<AnnotationDetailJson>('GET', `/api/annotations/${annotation.id}`).then((result) => {
      if (!live || !result.ok) return;
      setDetail(result.data);
      const f = form.current;
      if (!isDirty(f) || f.baseline?.kind !== result.data.kind) fillForm(result.data);
      else if (f.baseline && f.baseline.note === result.data.note && JSON.stringify(f.baseline.attributes) === JSON.stringify(result.data.attributes)) {
        // Only the span, kind-independent flags or status moved (our own nudge, say): the draft still stands on it.
        setBaseline(result.data);
      } else if (f.baseline && f.baseline.version !== result.data.version) setChangedUnderneath(true);
    });
    return () => {
      live = false;
    };
  }, [annotation.id, annotation.version, annotation.status, saved, fillForm]);

  const current = detail && detail.id === annotation.id ? detail : null;
  const dirty = isDirty({ note, draft, baseline });

  async function apply(changes: AnnotationChanges, version?: number) {
    setSaving(true);
    setMessage(null);
    const result = await actions.patch(annotation.id, changes, version);
    setSaving(false);
    if (result.ok) {
      setConflict(null);
      setMessage('Saved.');
      // Our own change: the form now stands on the new version. A saved note or new kind
      // refills it; anything else (span, unattributed) keeps what is being typed.
      if (changes.note !== undefined || changes.attributes !== undefined || changes.kind !== undefined || !isDirty(form.current)) fillForm(result.annotation);
      else setBaseline(result.annotation);
      return;
    }
    if (result.conflict) setConflict({ current: result.conflict, changes });
    setErrors(result.fieldErrors);
    setMessage(result.message);
  }

  function saveForm(event: React.FormEvent) {
    event.preventDefault();
    const attributes = attributesFromDraft(annotation.kind, draft);
    const check = ATTRIBUTE_SCHEMAS[annotation.kind].safeParse(attributes);
    if (!check.success) {
      setErrors(Object.fromEntries(check.error.issues.map((i) => [`attributes.${String(i.path[0] ?? '')}`, [i.message]])));
      setMessage('Check the highlighted fields.');
      return;
    }
    // Only what the user changed travels, so applying it again over a newer version keeps the rest.
    const changes: AnnotationChanges = {};
    if (note !== baseline?.note) changes.note = note;
    if (JSON.stringify(attributes) !== JSON.stringify(baseline?.attributes)) changes.attributes = attributes;
    void apply(changes, baseline?.version);
  }

  const lastDecision = current?.decisions[0];
  // Reviewers judge others' annotations here as in the queue; never their own (the server agrees).
  // The policy's own rule (reviewers, never on their own work); the server checks it again.
  const canJudge = saved && !archived && can({ id: me.id, role: me.role, disabled: false }, 'review:annotation', { authorId: annotation.authorId });

  async function review(decision: 'approve' | 'reject', comment?: string) {
    setSaving(true);
    setReviewMessage(null);
    const result = await callApi<{ annotation: AnnotationJson }>('POST', `/api/annotations/${annotation.id}/review`, {
      decision,
      comment,
      version: annotation.version,
    });
    setSaving(false);
    if (result.ok) {
      setRejecting(false);
      actions.reviewed(result.data.annotation);
      setReviewMessage(decision === 'approve' ? 'Approved.' : 'Rejected.');
      return;
    }
    const current = result.current as { annotation?: AnnotationJson } | undefined;
    if (current?.annotation) actions.reviewed(current.annotation);
    setReviewMessage(result.fieldErrors.comment?.join(' ') ?? result.message);
  }
  const mine = relations.filter((r) => r.fromId === annotation.id || r.toId === annotation.id);
  const pickTypes = (Object.keys(RELATION_PAIRS) as RelationTypeName[]).filter((t) => RELATION_PAIRS[t].from === annotation.kind);
  const attributed = mine.some((r) => r.type === 'attributed_to' && r.fromId === annotation.id);

  return (
    <div className="space-y-4 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold">
          <span className={`legend-swatch k-${annotation.kind}`}>{KIND_LABEL[annotation.kind]}</span>{' '}
          <span className="text-stone-600">· {STATUS_LABEL[annotation.status]}</span>
        </h2>
        <button
          type="button"
          onClick={actions.close}
          className="rounded px-2 text-lg leading-none text-stone-600 hover:bg-stone-100"
          aria-label="Close the panel (Esc)"
        >
          ×
        </button>
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

      <div className="rounded border border-stone-200 bg-stone-50 px-2 py-1">
        <p>
          <span className="font-medium">Status:</span> {STATUS_LABEL[annotation.status]}
        </p>
        {lastDecision ? (
          <p className="text-xs text-stone-700">
            {lastDecision.decision === 'approve' ? 'Approved' : 'Rejected'} by {lastDecision.reviewer.name} on{' '}
            {timeFormat.format(new Date(lastDecision.createdAt))} (version {lastDecision.annotationVersion})
            {lastDecision.comment ? <>: “{lastDecision.comment}”</> : null}
          </p>
        ) : (
          <p className="text-xs text-stone-600">Not reviewed yet.</p>
        )}
        {canJudge ? (
          <div className="mt-2 space-y-1">
            {!rejecting ? (
              <div className="flex gap-2">
                <button
                  type="button"
                  disabled={saving || annotation.status === 'approved'}
                  onClick={() => void review('approve')}
                  className="rounded bg-emerald-700 px-2 py-0.5 text-white hover:bg-emerald-800 disabled:opacity-50"
                >
                  Approve
                </button>
                <button
                  type="button"
                  disabled={saving || annotation.status === 'rejected'}
                  onClick={() => setRejecting(true)}
                  className="rounded border border-red-300 bg-white px-2 py-0.5 text-red-800 hover:bg-red-50 disabled:opacity-50"
                >
                  Reject…
                </button>
              </div>
            ) : (
              <RejectForm reasons={rejectReasons} busy={saving} onCancel={() => setRejecting(false)} onReject={(reason) => void review('reject', reason)} />
            )}
            {reviewMessage ? (
              <p role="status" className="text-xs text-stone-700">
                {reviewMessage}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      {changedUnderneath && !conflict ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs">
          This annotation was changed elsewhere while you were editing (now version {annotation.version}). Your unsaved text is kept; saving will show both
          versions first.
        </p>
      ) : null}
      {conflict ? (
        <div role="alert" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-2">
          <p className="font-medium">Someone changed this annotation since you loaded it. It is now version {conflict.current.version}:</p>
          <ul className="list-disc pl-5 text-xs">
            <li>
              {KIND_LABEL[conflict.current.kind]}, “{quoteOf(text, conflict.current)}”
            </li>
            <li>Note: {conflict.current.note ? `“${conflict.current.note.slice(0, 200)}”` : 'none'}</li>
          </ul>
          <div className="flex gap-2">
            <button
              type="button"
              className="rounded bg-amber-700 px-2 py-1 text-white hover:bg-amber-800"
              onClick={() => void apply(conflict.changes, conflict.current.version)}
            >
              Apply my change again
            </button>
            <button
              type="button"
              className="rounded border border-stone-300 bg-white px-2 py-1"
              onClick={() => {
                const theirs = conflict.current;
                setConflict(null);
                fillForm(theirs);
              }}
            >
              Keep the current version
            </button>
          </div>
        </div>
      ) : null}

      {own ? (
        <div>
          <label htmlFor="annotation-kind" className="block text-xs font-medium text-stone-700">
            Kind
          </label>
          <select
            id="annotation-kind"
            value={annotation.kind}
            disabled={!saved || saving}
            onChange={(e) => void apply({ kind: e.target.value as AnnotationKindName })}
            className="mt-1 block w-full rounded border border-stone-300 bg-white px-2 py-1"
          >
            {ANNOTATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      <form onSubmit={saveForm} className="space-y-2" aria-label="Note and attributes">
        <div>
          <label htmlFor="annotation-note" className="block text-xs font-medium text-stone-700">
            Note
          </label>
          <textarea
            id="annotation-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            readOnly={!own}
            maxLength={10_000}
            rows={3}
            className="mt-1 block w-full rounded border border-stone-300 px-2 py-1 read-only:bg-stone-100"
          />
          {errors.note ? <p className="text-xs text-red-700">{errors.note.join(' ')}</p> : null}
        </div>
        <AttributesFields kind={annotation.kind} draft={draft} onChange={setDraft} errors={errors} disabled={!own} />
        {own ? (
          <div className="flex items-center gap-2">
            <button
              type="submit"
              disabled={!dirty || saving || !saved}
              className="rounded bg-indigo-700 px-3 py-1 font-medium text-white hover:bg-indigo-800 disabled:opacity-50"
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
            {dirty ? <span className="text-xs text-amber-800">Unsaved changes</span> : null}
          </div>
        ) : null}
        {message ? (
          <p role="status" className="text-xs text-stone-700">
            {message}
          </p>
        ) : null}
      </form>

      {own ? (
        <fieldset className="space-y-1">
          <legend className="text-xs font-medium text-stone-700">Span (or drag the handles in the text)</legend>
          <div className="flex flex-wrap gap-1">
            <button
              type="button"
              className="rounded border border-stone-300 px-2 py-0.5 hover:bg-stone-100"
              onClick={() => actions.nudgeSpan('start', -1)}
              aria-label="Move the start one word earlier"
            >
              ⟵ start
            </button>
            <button
              type="button"
              className="rounded border border-stone-300 px-2 py-0.5 hover:bg-stone-100"
              onClick={() => actions.nudgeSpan('start', 1)}
              aria-label="Move the start one word later"
            >
              start ⟶
            </button>
            <button
              type="button"
              className="rounded border border-stone-300 px-2 py-0.5 hover:bg-stone-100"
              onClick={() => actions.nudgeSpan('end', -1)}
              aria-label="Move the end one word earlier"
            >
              ⟵ end
            </button>
            <button
              type="button"
              className="rounded border border-stone-300 px-2 py-0.5 hover:bg-stone-100"
              onClick={() => actions.nudgeSpan('end', 1)}
              aria-label="Move the end one word later"
            >
              end ⟶
            </button>
          </div>
        </fieldset>
      ) : null}

      <section aria-labelledby="relations-heading" className="space-y-2">
        <h3 id="relations-heading" className="text-xs font-medium uppercase tracking-wide text-stone-600">
          Relations
        </h3>
        {mine.length === 0 ? <p className="text-stone-600">None yet.</p> : null}
        <ul className="space-y-1">
          {mine.map((r) => {
            const outgoing = r.fromId === annotation.id;
            const other = byId.get(outgoing ? r.toId : r.fromId);
            return (
              <li key={r.id} className="flex items-start gap-2">
                <span className="shrink-0 text-stone-600">{outgoing ? RELATION_LABEL[r.type].outgoing : RELATION_LABEL[r.type].incoming}:</span>
                {other ? (
                  <button type="button" className="text-left text-indigo-800 hover:underline" onClick={() => actions.select(other.id)}>
                    <span className={`legend-swatch k-${other.kind}`}>{KIND_LABEL[other.kind]}</span> “{quoteOf(text, other).slice(0, 80)}”
                  </button>
                ) : (
                  <span className="text-stone-600">(loading)</span>
                )}
                {r.authorId === me.id && me.canAnnotate && !archived && !r.id.startsWith('tmp-') ? (
                  <button
                    type="button"
                    className="ml-auto shrink-0 text-xs text-red-800 hover:underline"
                    onClick={() => actions.removeRelation(r)}
                    aria-label={`Remove the relation ${RELATION_LABEL[r.type].outgoing.toLowerCase()}`}
                  >
                    Remove
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
        {me.canAnnotate && !archived && saved ? (
          <div className="flex flex-wrap gap-1">
            {pickTypes.map((type) => (
              <button
                key={type}
                type="button"
                disabled={type === 'attributed_to' && annotation.unattributed}
                title={type === 'attributed_to' && annotation.unattributed ? 'This claim is marked unattributed.' : undefined}
                className="rounded border border-indigo-300 px-2 py-0.5 text-indigo-900 hover:bg-indigo-50 disabled:opacity-50"
                onClick={() => actions.startPicking(annotation.id, type)}
              >
                {RELATION_LABEL[type].action}…
              </button>
            ))}
          </div>
        ) : null}
        {annotation.kind === 'claim' && own ? (
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={annotation.unattributed}
              disabled={attributed || saving}
              onChange={(e) => void apply({ unattributed: e.target.checked })}
            />
            Unattributed on purpose (no source in the text)
          </label>
        ) : annotation.unattributed ? (
          <p className="text-stone-700">Marked unattributed on purpose.</p>
        ) : null}
      </section>

      {saved ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium uppercase tracking-wide text-stone-600">History</summary>
          <HistoryTimeline annotationId={annotation.id} refreshKey={annotation.version * 1000 + commentsKey + (current?.decisions.length ?? 0)} />
        </details>
      ) : null}

      {saved ? <CommentThread annotationId={annotation.id} refreshKey={commentsKey} canComment={me.canComment} /> : null}

      {own && saved ? (
        <button
          type="button"
          onClick={() => actions.requestDelete(annotation.id)}
          className="rounded border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50"
        >
          Delete annotation (Del)
        </button>
      ) : null}
    </div>
  );
}
