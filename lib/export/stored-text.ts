/**
 * Free text as it leaves in an export. C1 control characters (U+0080-U+009F) were accepted in
 * notes, review comments and attribute text until the API refused them as it refuses C0 ones
 * (issue 12); what was stored before leaves as a space. Otherwise the JSONL import, which holds
 * text to the API's rules, would refuse the whole article, and U+0085 would end a line for every
 * tool that splits lines as Python does.
 */
const C1 = /[\u0080-\u009f]/gu;

export const storedText = (text: string) => text.replace(C1, ' ');

/** The attributes with storedText applied to their strings, in lists too. */
export function storedAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => (typeof value === 'string' ? storedText(value) : Array.isArray(value) ? value.map(clean) : value);
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, clean(value)]));
}
