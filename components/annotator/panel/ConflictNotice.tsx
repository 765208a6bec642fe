import { Button } from '@/components/ui/Button';
import { KIND_LABEL } from '@/lib/annotations/model';
import { quoteOf } from './format';
import type { Conflict } from './useEditForm';

interface Props {
  conflict: Conflict | null;
  changedUnderneath: boolean;
  version: number;
  text: string;
  applyAgain: (conflict: Conflict) => void;
  keepTheirs: (conflict: Conflict) => void;
}

/** Someone else saved this annotation meanwhile: a quiet note while typing, both versions once a save was refused. */
export function ConflictNotice({ conflict, changedUnderneath, version, text, applyAgain, keepTheirs }: Props) {
  if (!conflict) {
    return changedUnderneath ? (
      <p role="status" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs">
        This annotation was changed elsewhere while you were editing (now version {version}). Your unsaved text is kept; saving will show both versions first.
      </p>
    ) : null;
  }
  return (
    <div role="alert" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-2">
      <p className="font-medium">Someone changed this annotation since you loaded it. It is now version {conflict.current.version}:</p>
      <ul className="list-disc pl-5 text-xs">
        <li>
          {KIND_LABEL[conflict.current.kind]}, “{quoteOf(text, conflict.current)}”
        </li>
        <li>Note: {conflict.current.note ? `“${conflict.current.note.slice(0, 200)}”` : 'none'}</li>
      </ul>
      <div className="flex gap-2">
        <Button type="button" variant="compact-caution" className="px-2 py-1" onClick={() => applyAgain(conflict)}>
          Apply my change again
        </Button>
        <Button type="button" variant="compact-secondary" className="px-2 py-1" onClick={() => keepTheirs(conflict)}>
          Keep the current version
        </Button>
      </div>
    </div>
  );
}
