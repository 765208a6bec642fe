import { truncate } from '@/lib/text/truncate.ts';
import { nestsDeeperThan } from '@/lib/json-depth.ts';
import { PARSE_LIMITS } from './limits.ts';

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
    return { ok: false, error: `${subject} is not valid JSON: ${truncate(error instanceof Error ? error.message : String(error), 200)}` };
  }
}
