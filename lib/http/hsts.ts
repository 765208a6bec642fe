const TWO_YEARS_SECONDS = 2 * 365 * 24 * 3600;

/**
 * The Strict-Transport-Security header for an app whose public URL (NEXTAUTH_URL) is https, or
 * null over plain http, where a browser would ignore it and a local install must not be pinned.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  if (!publicUrl) return null;
  try {
    return new URL(publicUrl).protocol === 'https:' ? `max-age=${TWO_YEARS_SECONDS}; includeSubDomains` : null;
  } catch {
    return null;
  }
}
