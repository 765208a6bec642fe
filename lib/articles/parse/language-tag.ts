import { PARSE_LIMITS } from './limits.ts';

// A primary language subtag of ISO 639 (2 or 3 letters) and further subtags: script, region,
// variants. Intl then checks the structure; "english" or "en-a" are refused.
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** A BCP 47 tag in canonical case ("en-us" -> "en-US", "en_GB" -> "en-GB"), or null if it is not one. */
export function toLanguageTag(raw: string): string | null {
  const tag = raw.trim().replaceAll('_', '-');
  if (tag.length > PARSE_LIMITS.maxLanguageLength || !LANGUAGE_TAG.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
