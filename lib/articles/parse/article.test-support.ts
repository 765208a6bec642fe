/** A parsed article as the parsers give it, every optional field null unless given. */
export const parsedArticle = (fields: { title: string; text: string } & Record<string, unknown>) => ({
  url: null,
  canonicalUrl: null,
  source: null,
  author: null,
  publishedAt: null,
  language: null,
  ...fields,
});
