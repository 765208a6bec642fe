'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import { ATTRIBUTE_SCHEMAS } from '@/lib/annotations/schemas';
import { callApi } from '@/lib/http/client';
import type { FieldErrors } from '@/lib/result';
import { attributesFromDraft, draftFromAttributes, type AttributeDraft } from '@/components/annotator/AttributesFields';
import type { AnnotationChanges, AnnotationDetailJson, AnnotationJson, PatchResult } from '@/components/annotator/types';

type Patch = (id: string, changes: AnnotationChanges, version?: number) => Promise<PatchResult>;

export interface Conflict {
  current: AnnotationJson;
  changes: AnnotationChanges;
}

interface FormState {
  note: string;
  draft: AttributeDraft;
  baseline: AnnotationJson | null;
}

const isDirty = (f: FormState) =>
  f.baseline !== null &&
  (f.note !== f.baseline.note || JSON.stringify(attributesFromDraft(f.baseline.kind, f.draft)) !== JSON.stringify(f.baseline.attributes));

/**
 * The panel's edit form: the annotation's detail as loaded, the note and attributes being typed,
 * and saving them (or a kind, span or flag change) through `patch`, with conflicts kept for the notice.
 */
export function useEditForm(annotation: PaintAnnotation, saved: boolean, patch: Patch) {
  const [detail, setDetail] = useState<AnnotationDetailJson | null>(null);
  const [note, setNote] = useState('');
  const [draft, setDraft] = useState<AttributeDraft>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  // What the form was filled from: saving sends its version, so an edit made over someone
  // else's newer version gets a conflict instead of silently replacing it.
  const [baseline, setBaseline] = useState<AnnotationJson | null>(null);
  const [changedUnderneath, setChangedUnderneath] = useState(false);
  const form = useRef<FormState>({ note, draft, baseline });
  useEffect(() => {
    form.current = { note, draft, baseline };
  });

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

  async function apply(changes: AnnotationChanges, version?: number) {
    setSaving(true);
    setMessage(null);
    const result = await patch(annotation.id, changes, version);
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

  /** Gives up our change for the version someone else saved. */
  function keepTheirs(theirs: AnnotationJson) {
    setConflict(null);
    fillForm(theirs);
  }

  return {
    detail: detail && detail.id === annotation.id ? detail : null,
    note,
    setNote,
    draft,
    setDraft,
    errors,
    message,
    saving,
    conflict,
    changedUnderneath,
    dirty: isDirty({ note, draft, baseline }),
    apply,
    saveForm,
    keepTheirs,
  };
}

export type EditForm = ReturnType<typeof useEditForm>;
