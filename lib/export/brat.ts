import { codePointConverter } from './code-points.ts';
import { canonicalItem, compareIds } from './order.ts';
import type { ExportAnnotationKind, ExportItem, ExportRelationType } from './model.ts';
import { RELATION_PAIRS } from '@/lib/annotations/model.ts';

/**
 * brat standoff (https://brat.nlplab.org/standoff.html): per article a `<id>.txt` holding
 * `article.text` byte for byte (UTF-8) and a `<id>.ann` from `bratAnn`; one `annotation.conf`
 * for the whole export from `bratConf`.
 *
 * - Offsets count Unicode code points, as brat (Python 3 `str`) counts characters.
 * - T lines: `T<n>\t<Claim|Event|Source> <start> <end>[;<start> <end>…]\t<text>`. A span is cut
 *   into fragments at line breaks and each fragment is trimmed of white space (brat's rules: the
 *   text field holds no line break, no fragment starts or ends with space); the text field is the
 *   fragments' texts joined by one space, as brat writes it. T numbers follow the annotations in
 *   start/end/id order.
 * - A lines, one per attribute, keys sorted: the attribute's name is the key in PascalCase
 *   (`type` -> `Type`, `canonicalName` -> `CanonicalName`). `true` gives a binary attribute
 *   (`A1\tCheckworthy T1`), `false`, null, empty values and objects none. Strings and numbers
 *   become one value without spaces (brat's rule): NFC kept, every run of characters other than
 *   letters, digits, `_`, `.`, `-` becomes `_`, leading and trailing `_` dropped
 *   (`Satō Hana` -> `Satō_Hana`). Lists become their normalised items joined with `+`
 *   (`["Satō Hana", "The family"]` -> `Satō_Hana+The_family`). The exact values are in JSONL.
 * - R lines: `R<n>\t<AttributedTo|ReportedBy|About> Arg1:T<from> Arg2:T<to>`, relations by id.
 * - # lines: `#<n>\tAnnotatorNotes T<k>\t<note>`, every line terminator Python knows, tab and control
 *   character in the note as a space (each run as one).
 * Status, authors and review decisions are not part of brat's model (they are in JSONL).
 */

export const BRAT_ENTITY: Record<ExportAnnotationKind, string> = { claim: 'Claim', event: 'Event', source: 'Source' };
export const BRAT_RELATION: Record<ExportRelationType, string> = { attributed_to: 'AttributedTo', reported_by: 'ReportedBy', about: 'About' };

/** `canonicalName` -> `CanonicalName`, `claim_type` -> `ClaimType`. */
export const bratAttributeName = (key: string) =>
  key
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/** A value brat accepts: no white space, nothing outside letters, digits, `_`, `.`, `-`. */
export const bratAttributeValue = (value: string) => value.replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, '_').replace(/^_+|_+$/g, '');

/** The A-line value of an attribute: `true` for a binary attribute, a string, or null for none. */
function attributeValue(value: unknown): string | true | null {
  if (value === true) return true;
  if (typeof value === 'string') return bratAttributeValue(value) || null;
  if (typeof value === 'number') return Number.isFinite(value) ? bratAttributeValue(String(value)) || null : null;
  if (Array.isArray(value)) {
    const parts = value
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map((v) => bratAttributeValue(String(v)))
      .filter(Boolean);
    return parts.length ? parts.join('+') : null;
  }
  return null;
}

/**
 * The fragments of a span [start, end) (UTF-16) for brat: cut at line breaks, each trimmed of
 * white space, empty ones dropped. Returned in UTF-16 units.
 */
export function bratFragments(text: string, start: number, end: number): [number, number][] {
  const fragments: [number, number][] = [];
  const span = text.slice(start, end);
  const pieces = /\r\n|\n|\r/g;
  let from = 0;
  const add = (a: number, b: number) => {
    const piece = span.slice(a, b);
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (trimmed) fragments.push([start + a + lead, start + a + lead + trimmed.length]);
  };
  for (const match of span.matchAll(pieces)) {
    add(from, match.index);
    from = match.index + match[0].length;
  }
  add(from, span.length);
  return fragments;
}

/**
 * brat cuts an .ann into lines as Python's str.splitlines() does: at \n, \r, \r\n, \v, \f,
 * U+001C-U+001E, U+0085, U+2028 and U+2029, so any of them in a note would end its line and make
 * the rest an invalid line. All but the last two are control characters; the API refuses C0 and
 * C1 controls in notes, but older notes may hold them, so every control character (tab included)
 * and both separators become a space here.
 */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, ' ');

/** The .ann file of one article. */
export function bratAnn(input: ExportItem): string {
  const { article, annotations, relations } = canonicalItem(input);
  const codePoints = codePointConverter(article.text);
  const lines: string[] = [];
  const tIds = new Map<string, string>();
  let t = 0;
  let attribute = 0;
  let note = 0;
  const later: string[] = [];
  for (const a of annotations) {
    const fragments = bratFragments(article.text, a.start, a.end);
    if (!fragments.length) continue;
    const tId = `T${++t}`;
    tIds.set(a.id, tId);
    const offsets = fragments.map(([s, e]) => `${codePoints(s)} ${codePoints(e)}`).join(';');
    lines.push(`${tId}\t${BRAT_ENTITY[a.kind]} ${offsets}\t${fragments.map(([s, e]) => article.text.slice(s, e)).join(' ')}`);
    for (const key of Object.keys(a.attributes).sort(compareIds)) {
      const value = attributeValue(a.attributes[key]);
      const name = bratAttributeName(key);
      if (value === null || !name) continue;
      lines.push(`A${++attribute}\t${name} ${tId}${value === true ? '' : ` ${value}`}`);
    }
    if (a.note?.trim()) later.push(`#${++note}\tAnnotatorNotes ${tId}\t${oneLine(a.note.trim())}`);
  }
  let r = 0;
  for (const relation of relations) {
    const from = tIds.get(relation.fromId);
    const to = tIds.get(relation.toId);
    if (from && to) lines.push(`R${++r}\t${BRAT_RELATION[relation.type]} Arg1:${from} Arg2:${to}`);
  }
  return [...lines, ...later].map((line) => `${line}\n`).join('');
}

/**
 * Collects, across the exported articles, which attributes appear on which kinds with which
 * values, so `annotation.conf` declares exactly what the .ann files use. Feed it every item
 * (`add`), then write `toString()` (e.g. as the zip's last entry).
 */
export class BratConf {
  private readonly attributes = new Map<string, { kinds: Set<ExportAnnotationKind>; values: Set<string> }>();

  add(item: ExportItem): void {
    for (const a of item.annotations) {
      for (const [key, raw] of Object.entries(a.attributes)) {
        const value = attributeValue(raw);
        const name = bratAttributeName(key);
        if (value === null || !name) continue;
        const entry = this.attributes.get(name) ?? { kinds: new Set(), values: new Set() };
        entry.kinds.add(a.kind);
        if (value !== true) entry.values.add(value);
        this.attributes.set(name, entry);
      }
    }
  }

  toString(): string {
    const sorted = (values: Iterable<string>) => [...values].sort(compareIds);
    const kinds = Object.keys(BRAT_ENTITY) as ExportAnnotationKind[];
    const lines = ['[entities]', ...kinds.map((k) => BRAT_ENTITY[k]), '', '[relations]'];
    for (const type of Object.keys(BRAT_RELATION) as ExportRelationType[]) {
      const { from, to } = RELATION_PAIRS[type];
      lines.push(`${BRAT_RELATION[type]}\tArg1:${BRAT_ENTITY[from]}, Arg2:${BRAT_ENTITY[to]}`);
    }
    lines.push('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '', '[events]', '', '[attributes]');
    for (const name of sorted(this.attributes.keys())) {
      const { kinds: on, values } = this.attributes.get(name)!;
      const args = kinds
        .filter((k) => on.has(k))
        .map((k) => BRAT_ENTITY[k])
        .join('|');
      // brat: a binary attribute (only ever `true`) has no Value list.
      lines.push(values.size ? `${name}\tArg:${args}, Value:${sorted(values).join('|')}` : `${name}\tArg:${args}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** annotation.conf for these items (all of a small export). */
export function bratConf(items: Iterable<ExportItem> = []): string {
  const conf = new BratConf();
  for (const item of items) conf.add(item);
  return conf.toString();
}
