import { Button } from '@/components/ui/Button';

type Nudge = (edge: 'start' | 'end', direction: 1 | -1) => void;

const NUDGES: { edge: 'start' | 'end'; direction: 1 | -1; label: string; text: string }[] = [
  { edge: 'start', direction: -1, label: 'Move the start one word earlier', text: '⟵ start' },
  { edge: 'start', direction: 1, label: 'Move the start one word later', text: 'start ⟶' },
  { edge: 'end', direction: -1, label: 'Move the end one word earlier', text: '⟵ end' },
  { edge: 'end', direction: 1, label: 'Move the end one word later', text: 'end ⟶' },
];

/** Moving one's own span a word at a time, for those who do not drag the handles in the text. */
export function SpanNudges({ nudge }: { nudge: Nudge }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-stone-700">Span (or drag the handles in the text)</legend>
      <div className="flex flex-wrap gap-1">
        {NUDGES.map(({ edge, direction, label, text }) => (
          <Button key={label} type="button" variant="compact-secondary" className="px-2 py-0.5" onClick={() => nudge(edge, direction)} aria-label={label}>
            {text}
          </Button>
        ))}
      </div>
    </fieldset>
  );
}
