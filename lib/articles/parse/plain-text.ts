import { toArticleText } from './article-text.ts';
import { splitHeadline } from './title.ts';
import type { ArticleDraft } from './model.ts';

/**
 * A .txt file: the first line is the title when it reads like a headline, and the rest is the
 * body; otherwise all of it is the body and the title is derived from the first sentence later.
 */
export function parsePlainTextArticle(source: string): ArticleDraft {
  const text = toArticleText(source);
  const headline = splitHeadline(text);
  return { title: headline?.title ?? null, text: headline?.body ?? text, url: null, source: null, author: null, publishedAt: null, language: null };
}
