import { anchorSpan } from '@/lib/annotations/offsets.ts';
import type { ExportAnnotation, ExportItem } from './model.ts';

/**
 * One article for the golden files: an emoji outside the BMP (🌊, two UTF-16 units, one code
 * point), a ZWJ family (👩‍👩‍👧: five code points, eight units), CJK (佐藤, one unit each), a
 * combining acute (e + U+0301: two code points, two units; the writers copy text verbatim), a
 * span over two paragraphs and overlapping spans. Annotations and relations are listed out of
 * order on purpose; one relation points at an annotation outside the export.
 */
export const P1 = 'Tsunami 🌊 warning: 佐藤 Hana said the cafe\u0301 sea wall "will hold".';
export const P2 = 'The family 👩‍👩‍👧 left at dawn, reported Kaminose Radio.';
export const TEXT = `${P1}\n\n${P2}`;

const alice = { id: 'u1', name: 'Alice Annotator', email: 'alice@example.org' };
const bob = { id: 'u2', name: 'Bob, "the" Builder', email: 'bob@example.org' };
const rita = { name: 'Rita Reviewer', email: 'rita@example.org' };

function annotation(id: string, kind: ExportAnnotation['kind'], quote: string, rest: Partial<ExportAnnotation>, occurrence = 0): ExportAnnotation {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = TEXT.indexOf(quote, start + 1);
  const anchored = anchorSpan(TEXT, { start, end: start + quote.length, exact: quote });
  if (!anchored.ok) throw new Error(`bad fixture span ${quote}`);
  return {
    id,
    kind,
    ...anchored.value,
    note: null,
    attributes: {},
    unattributed: false,
    status: 'pending',
    version: 1,
    author: alice,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    decision: null,
    ...rest,
  };
}

export const ITEM: ExportItem = {
  article: {
    id: 'art1',
    title: 'Sea wall "holds", says 佐藤',
    text: TEXT,
    url: 'https://news.example/kaminose/sea-wall',
    source: 'Kaminose Daily',
    author: null,
    publishedAt: '2026-01-04T08:30:00.000Z',
    language: 'en',
  },
  annotations: [
    annotation('a4', 'source', 'Kaminose Radio', {
      attributes: { type: 'media_outlet' },
      note: '=HYPERLINK("http://evil.example")',
      status: 'rejected',
      author: bob,
      decision: { decision: 'reject', comment: 'Not a source here,\nsee guidelines', reviewer: rita, createdAt: '2026-01-06T09:00:00.000Z' },
    }),
    annotation('a2', 'event', 'sea wall "will hold".\n\nThe family 👩‍👩‍👧 left at dawn', {
      attributes: { place: 'Kaminose harbour', participants: ['Satō Hana', 'The family'], date: '2026-01' },
      version: 3,
      updatedAt: '2026-01-05T11:30:00.000Z',
    }),
    annotation('a1', 'claim', 'the cafe\u0301 sea wall "will hold"', {
      attributes: { type: 'factual', checkworthy: true },
      note: 'Check with\nthe harbour office',
      status: 'approved',
      version: 2,
      updatedAt: '2026-01-05T10:05:00.000Z',
      decision: { decision: 'approve', comment: null, reviewer: rita, createdAt: '2026-01-06T08:00:00.000Z' },
    }),
    annotation('a3', 'source', '佐藤 Hana', {
      attributes: { canonicalName: 'Satō Hana', type: 'named_person' },
      status: 'approved',
      decision: { decision: 'approve', comment: 'ok', reviewer: rita, createdAt: '2026-01-06T08:01:00.000Z' },
    }),
    annotation('a0', 'event', 'Tsunami 🌊 warning', {}),
    annotation('a5', 'claim', 'left at dawn', { unattributed: true, author: bob }),
  ],
  relations: [
    { id: 'r3', fromId: 'a1', toId: 'a2', type: 'about', author: alice, createdAt: '2026-01-05T12:00:00.000Z' },
    { id: 'r1', fromId: 'a2', toId: 'a4', type: 'reported_by', author: bob, createdAt: '2026-01-05T12:01:00.000Z' },
    { id: 'r2', fromId: 'a1', toId: 'a3', type: 'attributed_to', author: alice, createdAt: '2026-01-05T12:02:00.000Z' },
    { id: 'r9', fromId: 'a1', toId: 'gone', type: 'attributed_to', author: alice, createdAt: '2026-01-05T12:03:00.000Z' },
  ],
};

/** A second, annotation-free article, so multi-article outputs are covered. */
export const EMPTY_ITEM: ExportItem = {
  article: { id: 'art2', title: 'Quiet day', text: 'Nothing happened.', url: null, source: null, author: null, publishedAt: null, language: null },
  annotations: [],
  relations: [],
};
