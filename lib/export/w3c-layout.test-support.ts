/**
 * What w3c.schema.json cannot say about a W3C export, checked the way a reader walks it (Web
 * Annotation Data Model §5): from the collection to its embedded `first` page, then by each
 * page's `next` to the page of that id among the `@included` ones, which must come in that
 * order. Every page is `partOf` the collection, links back by `prev`, starts (`startIndex`) after
 * the items of the pages before it; the walk reaches every page once, ends at `last`, and counts
 * `total` items. Returns the problems found, none for a good document.
 */
type Json = Record<string, unknown>;

export function w3cLayoutErrors(document: Json): string[] {
  const errors: string[] = [];
  const total = document.total as number;
  const first = document.first as Json | undefined;
  const later = (document['@included'] as Json[] | undefined) ?? [];
  if (!first) {
    if (total !== 0 || later.length) errors.push('there are annotations but no first page');
    return errors;
  }
  const pages = [first, ...later];
  let seen = 0;
  pages.forEach((page, i) => {
    const name = i === 0 ? 'first' : `@included[${i - 1}]`;
    if (page.partOf !== document.id) errors.push(`${name}: partOf is ${String(page.partOf)}, not the collection ${String(document.id)}`);
    if (page.startIndex !== seen) errors.push(`${name}: startIndex is ${String(page.startIndex)}, but ${seen} annotations come before it`);
    const previous = pages[i - 1];
    if (previous && page.prev !== previous.id) errors.push(`${name}: prev is ${String(page.prev)}, not ${String(previous.id)}`);
    const following = pages[i + 1];
    if (following && page.next !== following.id) errors.push(`${name}: next is ${String(page.next)}, but the page after it is ${String(following.id)}`);
    if (!following && page.next !== undefined) errors.push(`${name}: the last page names a next page, ${String(page.next)}`);
    seen += Array.isArray(page.items) ? page.items.length : 0;
  });
  if (new Set(pages.map((p) => p.id)).size !== pages.length) errors.push('two pages share an id');
  if (document.last !== pages.at(-1)!.id) errors.push(`last is ${String(document.last)}, not the last page ${String(pages.at(-1)!.id)}`);
  if (seen !== total) errors.push(`total is ${total}, but the pages hold ${seen} annotations`);
  return errors;
}
