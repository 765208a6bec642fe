import { PARSE_LIMITS } from './limits.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Whether arrays and objects in the JSON text nest deeper than `max` (exact for valid JSON). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON.parse for text from outside, with the nesting limit checked first in one pass: V8 parses
 * deep nesting in linear time but slowly (ten million brackets took 9 s), and whatever walks the
 * value afterwards may recurse. On failure, a sentence for a person about `subject` ("The file").
 */
export function readJson(text: string, subject: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (nestsDeeperThan(text, PARSE_LIMITS.maxJsonDepth)) {
    return { ok: false, error: `${subject} nests arrays or objects more than ${PARSE_LIMITS.maxJsonDepth} levels deep, which no article or export does.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `${subject} is not valid JSON: ${(error instanceof Error ? error.message : String(error)).slice(0, 200)}` };
  }
}
