'use client';

import { memo, useMemo, type ReactNode } from 'react';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import type { Paragraph } from '@/lib/articles/paragraphs';
import { segmentRange, type Layer } from '@/lib/annotations/segments';

// Lanes beyond this share the lowest underline: deeper stacks would run into the next line.
const MAX_LANE = 3;

function layerClass({ span, lane, first, last }: Layer<PaintAnnotation>, meId: string): string {
  let name = `hl k-${span.kind} s-${span.status} l${Math.min(lane, MAX_LANE)}`;
  if (span.authorId === meId) name += ' mine';
  if (first) name += ' first';
  if (last) name += ' last';
  return name;
}

interface ParagraphProps {
  paragraph: Paragraph;
  spans: PaintAnnotation[] | undefined;
  meId: string;
}

/** One paragraph; memoised so an edit elsewhere does not re-render it (its `spans` array is kept). */
const ParagraphText = memo(function ParagraphText({ paragraph, spans, meId }: ParagraphProps) {
  const children = useMemo(() => {
    if (!spans || spans.length === 0) return paragraph.text;
    const out: ReactNode[] = [];
    for (const segment of segmentRange(paragraph.start, paragraph.end, spans)) {
      let node: ReactNode = paragraph.text.slice(segment.start - paragraph.start, segment.end - paragraph.start);
      for (let i = segment.layers.length - 1; i >= 0; i--) {
        const layer = segment.layers[i]!;
        node = (
          <span key={i === 0 ? segment.start : layer.span.id} data-id={layer.span.id} className={layerClass(layer, meId)}>
            {node}
          </span>
        );
      }
      out.push(node);
    }
    return out;
  }, [paragraph, spans, meId]);
  return (
    <p data-start={paragraph.start} className="whitespace-pre-wrap">
      {children}
    </p>
  );
});

/**
 * The article with its highlights. Before hydration (and in the server HTML) it is the plain
 * text: the highlights are drawn from the paint data once, on the client, so the annotation
 * data travels in the page once (the RSC payload) rather than twice.
 */
export function ArticleText({
  paragraphs,
  perParagraph,
  meId,
  painted,
}: {
  paragraphs: Paragraph[];
  perParagraph: PaintAnnotation[][];
  meId: string;
  painted: boolean;
}) {
  return paragraphs.map((paragraph, i) => (
    <ParagraphText key={paragraph.start} paragraph={paragraph} spans={painted ? perParagraph[i] : undefined} meId={meId} />
  ));
}
