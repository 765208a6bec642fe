/**
 * Free text as it leaves in an export. C1 control characters (U+0080-U+009F) were accepted in
 * notes, review comments and attribute text until the API refused them as it refuses C0 ones
 * (issue 12); what was stored before leaves as a space. Otherwise the JSONL import, which holds
 * text to the API's rules, would refuse the whole article, and U+0085 would end a line for every
 * tool that splits lines as Python does.
 */
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;

// Nearly all text holds none: a test that finds nothing costs less than a replacement or a copy.
export const storedText = (text: string) => (C1.test(text) ? text.replace(C1_ALL, ' ') : text);

const holdsC1 = (value: unknown): boolean => (typeof value === 'string' ? C1.test(value) : Array.isArray(value) && value.some(holdsC1));
const clean = (value: unknown): unknown => (typeof value === 'string' ? storedText(value) : Array.isArray(value) ? value.map(clean) : value);

/** The attributes with storedText applied to their strings, in lists too (the same object when none holds one). */
export function storedAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const values = Object.values(attributes);
  if (!values.some(holdsC1)) return attributes;
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, clean(value)]));
}
