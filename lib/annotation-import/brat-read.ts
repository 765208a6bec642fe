import { truncate } from '@/lib/text/truncate.ts';
import { RELATION_PAIRS, type RelationTypeName, type AnnotationKindName } from '@/lib/annotations/model.ts';
import { ATTRIBUTE_SCHEMAS, DISALLOWED_TEXT_CHARS, NOTE_MAX } from '@/lib/annotations/schemas.ts';
import { BRAT_ENTITY, BRAT_RELATION } from '@/lib/export/brat.ts';
import { MAX_QUOTED_CHARACTERS } from './jsonl-read.ts';
import type { ImportAnnotation, ImportDocument, ImportRelation, ReadDocument } from './model.ts';

/**
 * A brat standoff document (https://brat.nlplab.org/standoff.html) read back: the `.txt` is the
 * article's text, the `.ann` its annotations. Offsets count code points, as brat does; a span cut
 * into fragments becomes one span from its first fragment's start to its last fragment's end
 * (the export cuts spans at line breaks, so this restores them). brat knows no authors, statuses
 * or decisions: annotations arrive pending and unowned (the import's placeholder user).
 *
 * What a brat corpus may hold beyond this tool's model is left out and said in the document's
 * warnings, never dropped silently: entity types other than Claim, Event and Source (and the
 * relations and notes on them), event (E), equivalence (*) and normalisation (N) lines, and
 * attribute values the kind's schema refuses.
 */

const KIND_BY_TYPE = new Map<string, AnnotationKindName>(Object.entries(BRAT_ENTITY).map(([kind, type]) => [type.toLowerCase(), kind as AnnotationKindName]));
const RELATION_BY_TYPE = new Map<string, RelationTypeName>(
  Object.entries(BRAT_RELATION).flatMap(([type, name]) => [
    [name.toLowerCase(), type as RelationTypeName],
    [type.replace(/_/g, ''), type as RelationTypeName],
  ]),
);

/** `CanonicalName` -> `canonicalName`: the export's PascalCase attribute names back to keys. */
const attributeKey = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** Code point offsets of a text to UTF-16 offsets, in one pass. */
function utf16Offsets(text: string): (codePoint: number) => number | null {
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    units.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  units.push(text.length);
  return (codePoint) => (Number.isInteger(codePoint) && codePoint >= 0 && codePoint < units.length ? units[codePoint]! : null);
}

interface Draft {
  annotation: ImportAnnotation;
  attributes: [string, string | true][];
  notes: string[];
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

const counted = (counts: Map<string, number>) => [...counts].map(([what, n]) => `${what} (${n})`).join(', ');

/** One .txt/.ann pair as a document; fails only when the .ann cannot be read at all. */
export function readBratDocument(name: string, text: string, ann: string): ReadDocument {
  const toUtf16 = utf16Offsets(text);
  const drafts = new Map<string, Draft>();
  const relations: ImportRelation[] = [];
  const otherTypes = new Map<string, number>();
  const otherLines = new Map<string, number>();
  const warnings: string[] = [];
  const attributeLines: [string, string, string | true][] = [];
  const noteLines: [string, string][] = [];
  const relationLines: [number, string, string, string][] = [];
  // Each span's text is cut out and compared: bounded together, as a JSONL line's quotes are, so a
  // short .ann of spans over a long text cannot make the work grow with their product.
  let quoted = 0;

  // Split on a string, not /\r?\n/: a regular expression costs far more per line of a long .ann.
  for (const [i, raw] of ann.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const at = `line ${i + 1} of the .ann`;
    const [id = '', body = '', rest] = line.split('\t');
    switch (id.charAt(0)) {
      case 'T': {
        const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(body);
        if (!match) return { ok: false, name, error: `A text-bound annotation on ${at} is not "T<n>\\t<type> <start> <end>\\t<text>".` };
        const kind = KIND_BY_TYPE.get(match[1]!.toLowerCase());
        if (!kind) {
          otherTypes.set(match[1]!, (otherTypes.get(match[1]!) ?? 0) + 1);
          continue;
        }
        const fragments = match[2]!.split(';').map((pair) => pair.split(' ').map(Number) as [number, number]);
        const start = toUtf16(fragments[0]![0]);
        const end = toUtf16(fragments[fragments.length - 1]![1]);
        if (start === null || end === null || end <= start || fragments.some(([s, e]) => e < s)) {
          return { ok: false, name, error: `${id} on ${at} has offsets outside the text (${text.length.toLocaleString('en')} characters) or backwards.` };
        }
        if (drafts.has(id)) return { ok: false, name, error: `${id} is defined twice (${at}).` };
        quoted += end - start + fragments.reduce((n, [s, e]) => n + e - s, 0);
        if (quoted > MAX_QUOTED_CHARACTERS)
          return {
            ok: false,
            name,
            error: `The annotations quote more than ${MAX_QUOTED_CHARACTERS.toLocaleString('en')} characters together; split the document.`,
          };
        // brat writes the fragments' text after the offsets: a mismatch means the offsets count something else (bytes, a lost BOM).
        const fragmentText = fragments.map(([s, e]) => text.slice(toUtf16(s) ?? 0, toUtf16(e) ?? 0)).join(' ');
        if (rest !== undefined && squeeze(rest) !== squeeze(fragmentText)) {
          return {
            ok: false,
            name,
            error: `${id} on ${at} quotes ${JSON.stringify(truncate(rest, 60))}, but the .txt holds ${JSON.stringify(truncate(fragmentText, 60))} at its offsets.`,
          };
        }
        // The defaults jsonl-read.ts gives a missing field, spelled out: brat has none of these fields to read.
        drafts.set(id, {
          annotation: {
            key: id,
            kind,
            start,
            end,
            exact: text.slice(start, end),
            note: null,
            attributes: {},
            unattributed: false,
            status: 'pending',
            version: 1,
            author: { email: null, name: null },
            createdAt: null,
            updatedAt: null,
            decision: null,
          },
          attributes: [],
          notes: [],
        });
        break;
      }
      case 'A':
      case 'M': {
        const [attribute, target, value] = body.split(' ');
        if (!attribute || !target) return { ok: false, name, error: `The attribute on ${at} is not "A<n>\\t<name> <T id> [<value>]".` };
        attributeLines.push([target, attribute, value ?? true]);
        break;
      }
      case 'R': {
        const match = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(body);
        if (!match) return { ok: false, name, error: `The relation on ${at} is not "R<n>\\t<type> Arg1:<T id> Arg2:<T id>".` };
        relationLines.push([i + 1, match[1]!, match[2]!, match[3]!]);
        break;
      }
      case '#': {
        const match = /^\S+ (\S+)$/.exec(body);
        if (match && rest !== undefined) noteLines.push([match[1]!, rest]);
        break;
      }
      default: {
        const what = { E: 'events (E lines)', '*': 'equivalences (* lines)', N: 'normalisations (N lines)' }[id.charAt(0)] ?? 'lines of unknown kinds';
        otherLines.set(what, (otherLines.get(what) ?? 0) + 1);
      }
    }
  }

  let leftOutLinks = 0;
  for (const [target, attribute, value] of attributeLines) {
    const draft = drafts.get(target);
    if (draft) draft.attributes.push([attribute, value]);
    else leftOutLinks++;
  }
  for (const [target, note] of noteLines) {
    const draft = drafts.get(target);
    if (draft) draft.notes.push(note.trim());
    else leftOutLinks++;
  }
  for (const [lineNumber, type, from, to] of relationLines) {
    const relationType = RELATION_BY_TYPE.get(type.toLowerCase());
    const fromDraft = drafts.get(from);
    const toDraft = drafts.get(to);
    if (!relationType) {
      otherLines.set(`relations of type ${type}`, (otherLines.get(`relations of type ${type}`) ?? 0) + 1);
      continue;
    }
    if (!fromDraft || !toDraft) {
      leftOutLinks++;
      continue;
    }
    const pair = RELATION_PAIRS[relationType];
    if (fromDraft.annotation.kind !== pair.from || toDraft.annotation.kind !== pair.to) {
      return {
        ok: false,
        name,
        error: `The ${type} relation on line ${lineNumber} joins a ${fromDraft.annotation.kind} to a ${toDraft.annotation.kind}; it joins a ${pair.from} to a ${pair.to}.`,
      };
    }
    relations.push({ type: relationType, fromKey: from, toKey: to, author: { email: null, name: null }, createdAt: null });
  }

  const refused: string[] = [];
  const shortened: string[] = [];
  const annotations = [...drafts.values()].map(({ annotation, attributes, notes }) => {
    const schema = ATTRIBUTE_SCHEMAS[annotation.kind];
    for (const [name, value] of attributes) {
      const key = attributeKey(name);
      // The export writes list items joined by "+" and spaces as "_": try the value as written first.
      const candidates: unknown[] =
        value === true ? [true] : [value, value.split('+'), value.replace(/_/g, ' '), value.split('+').map((v) => v.replace(/_/g, ' '))];
      const accepted = candidates.find((candidate) => schema.safeParse({ ...annotation.attributes, [key]: candidate }).success);
      if (accepted === undefined) refused.push(`${name} on ${annotation.key}`);
      else annotation.attributes = { ...annotation.attributes, [key]: accepted };
    }
    if (notes.length) {
      const note = notes.join('\n').replace(new RegExp(DISALLOWED_TEXT_CHARS.source, 'gu'), ' ');
      if (note.length > NOTE_MAX) shortened.push(annotation.key);
      annotation.note = truncate(note, NOTE_MAX, { unit: 'utf16', ellipsis: '' });
    }
    return annotation;
  });

  if (otherTypes.size) warnings.push(`Left out annotations of types this tool does not have: ${counted(otherTypes)}.`);
  if (otherLines.size) warnings.push(`Left out ${counted(otherLines)}.`);
  if (leftOutLinks)
    warnings.push(`Left out ${leftOutLinks.toLocaleString('en')} attributes, notes or relations on annotations that were left out or do not exist.`);
  if (refused.length)
    warnings.push(
      `Left out attribute values the kind does not allow: ${refused.slice(0, 5).join(', ')}${refused.length > 5 ? ` and ${refused.length - 5} more` : ''}.`,
    );
  if (shortened.length) warnings.push(`Notes longer than ${NOTE_MAX.toLocaleString('en')} characters were cut: ${shortened.join(', ')}.`);
  const document: ImportDocument = { name, article: { text }, annotations, relations, warnings };
  return { ok: true, document };
}
