import { env } from '../../lib/env.ts';
/**
 * The JavaScript heap the server runs with (`npm start` passes it as --max-old-space-size).
 * V8 lets garbage pile up in proportion to its heap limit before it collects: with Node's
 * default on a large machine (a quarter of the memory, up to 4 GB) a streamed export of 100,000
 * annotations grew the process by 120-180 MB although its live heap stayed at 32 MB; with 1 GB it
 * grows by about 80 MB, and large imports (200 MB requests, 64 MB JSONL lines) still fit.
 * bench:export measures the export with this same limit.
 */
export { DEFAULT_HEAP_MB } from '../../lib/env.ts';

export const serverHeapMb = () => env().NEWSMARK_HEAP_MB;
