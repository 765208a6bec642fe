import type { z } from 'zod';
import { fail, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';

const MAX_JSON_BYTES = 1_000_000;

/** Read a JSON request body and validate it; every failure is a 4xx-shaped value, never a throw. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<Result<z.output<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) return fail('unsupported_media_type', 'Send the body as application/json.');
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) return fail('payload_too_large', 'The request body is too large.');
  let text: string;
  try {
    text = await request.text();
  } catch {
    return fail('validation', 'The request body could not be read.');
  }
  if (text.length > MAX_JSON_BYTES) return fail('payload_too_large', 'The request body is too large.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('validation', 'The request body is not valid JSON.');
  }
  return parseInput(schema, json);
}
