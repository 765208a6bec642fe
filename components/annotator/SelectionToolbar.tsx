'use client';

import { type AnnotationKindName, KIND_LABEL } from '@/lib/annotations/model';

const KEYS: Record<AnnotationKindName, string> = { claim: 'C', event: 'E', source: 'S' };
const NUMBERS: Record<AnnotationKindName, string> = { claim: '1', event: '2', source: '3' };

/** Floats above a text selection: one press tags it. Buttons never take focus from the text. */
export function SelectionToolbar({
  position,
  kinds,
  onPick,
  hint,
}: {
  position: { top: number; left: number };
  kinds: readonly AnnotationKindName[];
  onPick: (kind: AnnotationKindName) => void;
  hint?: string;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Tag selection"
      style={{ top: position.top, left: position.left }}
      className="absolute z-20 flex -translate-x-1/2 -translate-y-full items-center gap-1 rounded-md border border-stone-300 bg-white p-1 text-sm shadow-lg"
      onMouseDown={(e) => e.preventDefault()}
    >
      {hint ? <span className="px-1 text-xs text-stone-600">{hint}</span> : null}
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          aria-keyshortcuts={`${KEYS[kind]} ${NUMBERS[kind]}`}
          className={`legend-swatch k-${kind} rounded px-2 py-0.5 font-sans font-medium hover:brightness-95`}
          onClick={() => onPick(kind)}
        >
          {KIND_LABEL[kind]} <kbd className="text-xs text-stone-600">{KEYS[kind]}</kbd>
        </button>
      ))}
    </div>
  );
}
