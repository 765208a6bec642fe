import type { HighlightSegment } from '@/lib/articles/highlight';

/** Text with search matches as <mark>: every segment is a React text node, never HTML. */
export function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return segments.map((s, i) =>
    s.highlight ? (
      <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
        {s.text}
      </mark>
    ) : (
      <span key={i}>{s.text}</span>
    ),
  );
}
