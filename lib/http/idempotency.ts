import { idempotencyStorage, type CreatedView, type IdempotencyContext } from '@/lib/idempotency/context.ts';
import { acceptsIdempotencyKey, bodyDigest, IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey, REPLAYED_HEADER, requestFingerprint } from '@/lib/idempotency/key.ts';
import { findKey, storeAnswer, type KeyRecord } from '@/lib/idempotency/store.ts';
import { errorResponse, jsonResponse } from './responses.ts';

/**
 * The answer a request with a known key gets instead of running its handler. Thrown from
 * authorizeApi (the first point where the user, and so the key's owner, is known) and caught by
 * withIdempotencyKey, so no route has to handle it.
 */
class KnownKeyAnswer {
  constructor(readonly response: Response) {}
}

const replayed = (response: Response) => {
  response.headers.set(REPLAYED_HEADER, 'true');
  return response;
};

/**
 * The answer to a retry: the stored answer as it was; or, when the write committed but its answer
 * was lost (e.g. the database restarted before acknowledging the commit, so the client saw a 5xx),
 * the object a create made as it is now; or a 409 naming what the write changed.
 */
async function answerFor(record: KeyRecord, fingerprint: string, createdView: CreatedView | undefined): Promise<Response> {
  if (record.fingerprint !== fingerprint) {
    return errorResponse({
      code: 'idempotency_mismatch',
      message: 'This Idempotency-Key was already used for another request; use a new key for a new request.',
    });
  }
  if (record.source === 'response') {
    const body = record.status === 204 || record.status === 304 ? null : Buffer.from(record.body);
    return replayed(new Response(body, { status: record.status, headers: record.contentType ? { 'content-type': record.contentType } : {} }));
  }
  const view = record.action.endsWith('.create') ? await createdView?.(record.entityId) : null;
  if (view) return replayed(jsonResponse(view, 201));
  return replayed(
    errorResponse({
      code: 'conflict',
      message: 'This request was already carried out; its answer is no longer available.',
      details: { entity: record.entity, entityId: record.entityId },
    }),
  );
}

/**
 * For authorizeApi, once it knows who acts: a request whose key this user already used is
 * answered from what that request left, without running the handler.
 */
export async function checkIdempotencyKey(userId: string): Promise<void> {
  const context = idempotencyStorage.getStore();
  if (!context || context.known) return;
  context.known = { userId, fingerprint: await context.fingerprint };
  const record = await findKey(userId, context.key);
  if (record) throw new KnownKeyAnswer(await answerFor(record, context.known.fingerprint, context.createdView));
}

async function keepAnswer(context: IdempotencyContext, response: Response): Promise<void> {
  // An answer marked no-store holds a secret (a new API token): a retry gets the 409 instead.
  if (!context.known || response.status >= 500 || /\bno-store\b/i.test(response.headers.get('cache-control') ?? '')) return;
  try {
    const body = new Uint8Array(await response.clone().arrayBuffer());
    await storeAnswer({ ...context.known, key: context.key, status: response.status, contentType: response.headers.get('content-type'), body });
  } catch (error) {
    // The write stands either way; a retry then finds its audit row instead.
    console.error('[idempotency] could not store an answer', error);
  }
}

/** The claim's unique index named in a database error, however a write inserted its audit row. */
const CLAIM_INDEX = 'AuditEvent_actorId_idempotencyKey_key';
function namesClaimIndex(error: unknown): boolean {
  const e = error as { message?: unknown; meta?: unknown };
  return String(e?.message ?? '').includes(CLAIM_INDEX) || JSON.stringify(e?.meta ?? null).includes(CLAIM_INDEX);
}

/**
 * Runs a write so that a retry with the same `Idempotency-Key` is carried out once: the key is
 * claimed by the write's first audit row in its own transaction (lib/audit/record.ts), a known
 * key is answered from what its first request left (checkIdempotencyKey), and the answer is kept
 * for 24 hours. A concurrent duplicate waits on the claim's unique index until the first commits,
 * then fails there and is answered like any retry.
 */
export async function withIdempotencyKey(request: Request, handle: () => Promise<Response>, createdView?: CreatedView): Promise<Response> {
  const header = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (header === null || !acceptsIdempotencyKey(request.method)) return handle();
  const key = parseIdempotencyKey(header);
  if (!key.ok) return errorResponse(key.error);
  const fingerprint = bodyDigest(request.clone().body).then((digest) => requestFingerprint(request.method, request.url, digest));
  // Awaited only once the user is known; a handler that refuses earlier never reads it.
  fingerprint.catch(() => undefined);
  const context: IdempotencyContext = { key: key.value, fingerprint, claimed: false, claimLost: false, createdView };
  return idempotencyStorage.run(context, async () => {
    let response: Response | undefined;
    try {
      response = await handle();
    } catch (error) {
      if (error instanceof KnownKeyAnswer) return error.response;
      if (!context.claimLost && !namesClaimIndex(error)) throw error;
      context.claimLost = true;
    }
    // A refusal may be this request losing to a twin with the same key before reaching its claim
    // (the twin took the e-mail address this one creates, or the name of a token): the twin answers.
    const raced = context.claimLost || !response || (response.status >= 400 && response.status < 500);
    const record = raced && context.known ? await findKey(context.known.userId, context.key) : null;
    if (record) return answerFor(record, context.known!.fingerprint, context.createdView);
    if (context.claimLost || !response) throw new Error('An Idempotency-Key claim was lost, yet no request holds the key.');
    await keepAnswer(context, response);
    return response;
  });
}
