import { errorResponseRefs } from './errors.ts';
import type { Operation, Parameter, PathItem, Paths } from './model.ts';

const idempotencyKeyParameter: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Names this write so a retry of it is carried out once (for 24 hours, per user): a retry with the same key answers what the first request answered ' +
    '(with `Idempotent-Replayed: true`), and a create whose answer was lost answers `201` with what it created. The same key with another method, path or body is a `422`.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
};

/** Every write (POST, PUT, PATCH, DELETE) takes the header, as apiHandler does (lib/http/idempotency.ts). */
export function withIdempotencyKeys(paths: Paths): Paths {
  const withKey = (op: Operation): Operation => ({
    ...op,
    parameters: [...(op.parameters ?? []), idempotencyKeyParameter],
    responses: { ...op.responses, ...errorResponseRefs(['validation', 'idempotency_mismatch']) },
  });
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(Object.entries(item).map(([method, op]) => [method, method === 'get' ? op : withKey(op)])) as PathItem,
    ]),
  );
}
