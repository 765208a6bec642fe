import { finishArticle, importItemSchema, issuesMessage, readMetadata } from './article-fields.ts';
import { parseHtmlDocument } from './html.ts';
import { failedItem, type ParsedItem } from './model.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One article given as an object: { title?, text | html, url?, source?, author?, publishedAt?
 * (or published_at), language? }, from a JSON, JSONL or CSV file or the HTTP API. Given fields
 * win; an html page fills in what it declares and the item leaves out. Unknown keys are ignored.
 */
export function parseImportItem(raw: unknown, name: string): ParsedItem {
  if (!isRecord(raw)) return failedItem(name, 'The item is not an object like {"title": "…", "text": "…"}.');
  const parsed = importItemSchema.safeParse(raw);
  if (!parsed.success) return failedItem(name, issuesMessage(parsed.error));
  const { text, html, ...fields } = parsed.data;
  const metadata = readMetadata(fields);
  if (!metadata.ok) return failedItem(name, metadata.error);
  if (text != null && html != null) return failedItem(name, 'The item has both text and html; give one of them.');
  if (text != null) return finishArticle({ ...metadata.value, text }, name);
  if (html == null) return failedItem(name, 'The item has no text: give a "text" or an "html" field.');
  if (html.includes('\0')) return failedItem(name, 'The html contains NUL characters.');
  const page = parseHtmlDocument(html);
  if (!page.ok) return failedItem(name, page.error.message);
  const given = metadata.value;
  return finishArticle(
    {
      text: page.value.text,
      title: given.title ?? page.value.title,
      url: given.url ?? page.value.url,
      source: given.source ?? page.value.source,
      author: given.author ?? page.value.author,
      publishedAt: given.publishedAt ?? page.value.publishedAt,
      language: given.language ?? page.value.language,
    },
    name,
  );
}
