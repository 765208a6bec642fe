const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** Publisher · byline · date, skipping what the article does not have. */
export function ArticleMeta({ source, author, publishedAt }: { source: string | null; author: string | null; publishedAt: Date | null }) {
  const parts = [source, author, publishedAt ? dateFormat.format(publishedAt) : null].filter(Boolean);
  if (parts.length === 0) return null;
  return <p className="text-sm text-stone-600">{parts.join(' · ')}</p>;
}
