export const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const QUOTE_MAX = 400;

export const quoteOf = (text: string, a: { start: number; end: number }) => {
  const q = text.slice(a.start, a.end);
  return q.length > QUOTE_MAX ? `${q.slice(0, QUOTE_MAX)}…` : q;
};
