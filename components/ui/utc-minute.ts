/** "2026-11-21 10:55 UTC": the same text on the server and in the browser (no locale, no time zone), so hydration agrees. */
export function utcMinute(at: Date | string | null, none: string): string {
  if (at === null) return none;
  const iso = typeof at === 'string' ? at : at.toISOString();
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
