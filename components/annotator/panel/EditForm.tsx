import type { PaintAnnotation } from '@/lib/annotations/paint';
import { Button } from '@/components/ui/Button';
import { AttributesFields } from '@/components/annotator/AttributesFields';
import { ANNOTATION_KINDS, KIND_LABEL, type AnnotationKindName } from '@/lib/annotations/model';
import type { EditForm as Form } from './useEditForm';

interface Props {
  annotation: PaintAnnotation;
  /** One's own saved annotation: editable; anyone else's is shown read-only. */
  own: boolean;
  saved: boolean;
  form: Form;
}

/** The kind (one's own annotations), the note and the attributes, saved together. */
export function EditForm({ annotation, own, saved, form }: Props) {
  const { note, setNote, draft, setDraft, errors, message, saving, dirty } = form;
  return (
    <>
      {own ? (
        <div>
          <label htmlFor="annotation-kind" className="block text-xs font-medium text-stone-700">
            Kind
          </label>
          <select
            id="annotation-kind"
            value={annotation.kind}
            disabled={!saved || saving}
            onChange={(e) => void form.apply({ kind: e.target.value as AnnotationKindName })}
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

      <form onSubmit={form.saveForm} className="space-y-2" aria-label="Note and attributes">
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
            <Button type="submit" variant="compact-primary" className="px-3 py-1 font-medium" disabled={!dirty || saving || !saved}>
              {saving ? 'Saving…' : 'Save'}
            </Button>
            {dirty ? <span className="text-xs text-amber-800">Unsaved changes</span> : null}
          </div>
        ) : null}
        {message ? (
          <p role="status" className="text-xs text-stone-700">
            {message}
          </p>
        ) : null}
      </form>
    </>
  );
}
