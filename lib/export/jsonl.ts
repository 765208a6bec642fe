import { canonicalItem, sortKeysDeep } from './order.ts';
import type { ExportItem } from './model.ts';

/**
 * JSONL: one article per line, `{ article, annotations, relations }`, ending with "\n". Offsets
 * are UTF-16 code units as in the JSON API (so `text.slice(start, end) === exact` in JavaScript);
 * `status` and the reviewer's `decision` are always present (null while pending). Members come in
 * a fixed order, attribute keys sorted, annotations by start/end/id, relations by id, relations
 * to annotations outside the export dropped: the same data gives the same bytes. This is also the
 * format the importer reads back.
 */
export function jsonlLine(input: ExportItem): string {
  const { article, annotations, relations } = canonicalItem(input);
  const line = {
    article: {
      id: article.id,
      title: article.title,
      url: article.url,
      source: article.source,
      author: article.author,
      publishedAt: article.publishedAt,
      language: article.language,
      text: article.text,
    },
    // Spelled out although queries.ts lists the same fields: this list fixes the members' order in the file.
    annotations: annotations.map((a) => ({
      id: a.id,
      kind: a.kind,
      start: a.start,
      end: a.end,
      exact: a.exact,
      prefix: a.prefix,
      suffix: a.suffix,
      note: a.note,
      attributes: sortKeysDeep(a.attributes),
      unattributed: a.unattributed,
      status: a.status,
      version: a.version,
      author: { id: a.author.id, name: a.author.name, email: a.author.email },
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      decision: a.decision && {
        decision: a.decision.decision,
        comment: a.decision.comment,
        reviewer: { name: a.decision.reviewer.name, email: a.decision.reviewer.email },
        createdAt: a.decision.createdAt,
      },
    })),
    relations: relations.map((r) => ({
      id: r.id,
      type: r.type,
      fromId: r.fromId,
      toId: r.toId,
      author: { name: r.author.name, email: r.author.email },
      createdAt: r.createdAt,
    })),
  };
  return `${JSON.stringify(line)}\n`;
}
