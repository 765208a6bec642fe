import type { ExportAnnotation, ExportItem, ExportRelation } from './model.ts';

/**
 * The one order every writer uses, so the same data always gives the same bytes: annotations by
 * start, end, then id; relations by id; object keys sorted (code unit order, never locale order).
 */
/** Code unit order, the same in every locale and runtime (localeCompare is neither): what makes exports byte-stable. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const compareAnnotations = (a: ExportAnnotation, b: ExportAnnotation) => a.start - b.start || a.end - b.end || compareIds(a.id, b.id);
export const compareRelations = (a: ExportRelation, b: ExportRelation) => compareIds(a.id, b.id);

/**
 * The item in canonical order, without relations whose ends are not exported (e.g. a relation to
 * a pending annotation when only approved ones are exported): a writer never points at nothing.
 */
export function canonicalItem(item: ExportItem): ExportItem {
  const annotations = [...item.annotations].sort(compareAnnotations);
  const ids = new Set(annotations.map((a) => a.id));
  const relations = item.relations.filter((r) => ids.has(r.fromId) && ids.has(r.toId)).sort(compareRelations);
  return { article: item.article, annotations, relations };
}

/** A JSON value with every object's keys sorted, recursively; undefined members dropped. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareIds)) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeysDeep(member);
    }
    return out;
  }
  return value;
}
