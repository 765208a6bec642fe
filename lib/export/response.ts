import { concatBytes } from '@/lib/bytes.ts';
import { BratConf, bratAnn } from './brat.ts';
import { csvHeader, csvRows } from './csv.ts';
import { jsonlLine } from './jsonl.ts';
import type { ExportItem } from './model.ts';
import { W3cCollectionWriter, w3cAnnotationsFor } from './w3c.ts';
import { ZipWriter } from './zip.ts';

export const EXPORT_FORMATS = ['jsonl', 'w3c', 'csv', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPE: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  w3c: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  brat: 'application/zip',
};
const EXTENSION: Record<ExportFormat, string> = { jsonl: 'jsonl', w3c: 'jsonld', csv: 'csv', brat: 'zip' };

const yyyymmdd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/** `newsmark-<scope>-<YYYYMMDD>.<ext>` (UTC date). */
export const exportFilename = (format: ExportFormat, scope: string, now = new Date()) => `newsmark-${scope}-${yyyymmdd(now)}.${EXTENSION[format]}`;

export function exportHeaders(format: ExportFormat, scope: string, now = new Date()): Headers {
  return new Headers({
    'Content-Type': CONTENT_TYPE[format],
    'Content-Disposition': `attachment; filename="${exportFilename(format, scope, now)}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

export interface ExportStreamOptions {
  /** CSV: start with a UTF-8 byte order mark. */
  bom?: boolean;
  /** W3C: the number of annotations and relations the items hold (countExport). */
  total?: number;
  /** W3C: the collection's IRI and label. */
  collectionId?: string;
  label?: string;
  baseUrl?: string;
}

/** Per format: what comes first, what each item gives, what comes last. */
interface Encoder {
  start(): Uint8Array | string;
  item(item: ExportItem): Uint8Array | string;
  end(): Uint8Array | string;
}

function encoderFor(format: ExportFormat, options: ExportStreamOptions): Encoder {
  switch (format) {
    case 'jsonl':
      return { start: () => '', item: jsonlLine, end: () => '' };
    case 'csv':
      return { start: () => csvHeader({ bom: options.bom }), item: csvRows, end: () => '' };
    case 'w3c': {
      if (options.total === undefined) throw new Error('The W3C export needs the total first');
      const writer = new W3cCollectionWriter({
        id: options.collectionId ?? 'urn:newsmark:export',
        label: options.label ?? 'Newsmark export',
        total: options.total,
        baseUrl: options.baseUrl,
      });
      return { start: () => writer.start(), item: (item) => writer.write(w3cAnnotationsFor(item, { baseUrl: options.baseUrl })), end: () => writer.end() };
    }
    case 'brat': {
      const zip = new ZipWriter();
      const conf = new BratConf();
      return {
        start: () => '',
        item: (item) => {
          conf.add(item);
          const txt = zip.file(`${item.article.id}.txt`, item.article.text);
          const ann = zip.file(`${item.article.id}.ann`, bratAnn(item));
          return concatBytes([txt, ann]);
        },
        end: () => {
          return concatBytes([zip.file('annotation.conf', conf.toString()), zip.end()]);
        },
      };
    }
  }
}

/**
 * The export's bytes, pulled: each pull asks the items for the next article, so a slow client
 * slows the database reads down and at most one article's output waits in the queue.
 */
export function exportStream(format: ExportFormat, items: AsyncIterable<ExportItem>, options: ExportStreamOptions = {}): ReadableStream<Uint8Array> {
  const text = new TextEncoder();
  const bytes = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? text.encode(chunk) : chunk);
  const encoder = encoderFor(format, options);
  const iterator = items[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            const head = bytes(encoder.start());
            if (head.length) {
              controller.enqueue(head);
              return;
            }
          }
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              const tail = bytes(encoder.end());
              if (tail.length) controller.enqueue(tail);
              controller.close();
              return;
            }
            const chunk = bytes(encoder.item(next.value));
            if (chunk.length) {
              controller.enqueue(chunk);
              return;
            }
          }
        } catch (error) {
          console.error('[export] failed while streaming', error);
          controller.error(error);
          await iterator.return?.();
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
