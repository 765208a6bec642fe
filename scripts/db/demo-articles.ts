import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DemoArticle {
  file: string;
  title: string;
  text: string;
  source: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-articles');

/** Demo articles are `key: value` header lines, a `---` line, then the body (see demo-articles/). */
export function parseDemoArticle(file: string, content: string): DemoArticle {
  const separator = content.indexOf('\n---\n');
  if (separator === -1) throw new Error(`${file}: no '---' line between header and body`);
  const header = new Map<string, string>();
  for (const line of content.slice(0, separator).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) header.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const title = header.get('title');
  if (!title) throw new Error(`${file}: no title`);
  const publishedAt = header.get('publishedAt');
  return {
    file,
    title,
    text: content.slice(separator + 5),
    source: header.get('source') ?? null,
    author: header.get('author') ?? null,
    url: header.get('url') ?? null,
    publishedAt: publishedAt ?? null,
    language: header.get('language') ?? null,
  };
}

export async function loadDemoArticles(): Promise<DemoArticle[]> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map(async (file) => parseDemoArticle(file, await readFile(path.join(DIR, file), 'utf8'))));
}
