function isUtmParameter(pair: string): boolean {
  const key = pair.split('=', 1)[0] ?? '';
  let name = key;
  try {
    name = decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    // A malformed escape is compared as written.
  }
  return name.toLowerCase().startsWith('utm_');
}

/**
 * The identity of an article's address for deduplication: the same story shared with tracking
 * parameters, a fragment, a default port or an upper-case host is one URL. Null unless http(s).
 * Other parameters keep their order and spelling: they can select different content.
 */
export function canonicalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  // The WHATWG parser already lower-cases scheme and host, drops the default port and
  // normalises percent-encoding; what is left is ours to strip.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  // Credentials in a shared link are an accident, never part of which article it is.
  parsed.username = '';
  parsed.password = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isUtmParameter(pair));
  parsed.search = kept.length ? `?${kept.join('&')}` : '';
  return parsed.href;
}

/** `url` if it is an absolute http(s) address, else null (javascript:, data:, relative paths...). */
export function httpUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
