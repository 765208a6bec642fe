import { feedbackSeenSchema } from '@/lib/review/feedback.ts';
import { createTokenSchema } from '@/lib/tokens/schemas.ts';
import { changeOwnPasswordSchema, createUserSchema, updateUserSchema } from '@/lib/users/schemas.ts';
import { arrayOf, dateTime, objectOf, requestSchema, schemaRef } from '@/lib/openapi/json-schema.ts';
import { idParameter, jsonContent, jsonRef, noContent, operation } from '@/lib/openapi/operation.ts';
import type { Paths } from '@/lib/openapi/model.ts';

const tag = 'Account';

// Declarative OpenAPI specs, spelled out per path like the other files here: each reads on its own.
export const accountPaths: Paths = {
  '/api/account/password': {
    post: operation({
      operationId: 'changeOwnPassword',
      summary: 'Change your password (ends every session; API tokens stay valid)',
      description: 'A signed-in browser only (a token gets 403). Wrong current passwords count against the sign-in limits: 429 with Retry-After past them.',
      tag,
      access: 'session-only',
      jsonBody: requestSchema(changeOwnPasswordSchema),
      responses: { '204': noContent('Changed.') },
      errors: ['rate_limited'],
    }),
  },
  '/api/account/feedback-seen': {
    post: operation({
      operationId: 'markFeedbackSeen',
      summary: 'Mark the decisions on your annotations as seen up to a time (default now)',
      description: 'Kept in an HttpOnly cookie: the dashboard counts new decisions from there.',
      tag,
      jsonBody: requestSchema(feedbackSeenSchema),
      responses: { '200': jsonContent('The time now stored.', objectOf({ seenAt: dateTime })) },
    }),
  },
  '/api/account/tokens': {
    get: operation({
      operationId: 'listTokens',
      summary: 'Your API tokens, newest active first',
      description: 'A signed-in browser only: a token cannot list, create or revoke tokens (403).',
      tag,
      access: 'session-only',
      responses: { '200': jsonContent('The tokens, without their secrets.', objectOf({ items: arrayOf(schemaRef('Token')) })) },
    }),
    post: operation({
      operationId: 'createToken',
      summary: 'Create an API token',
      description: 'The name is trimmed (1 to 100 characters) and unique among your active tokens (409).',
      tag,
      access: 'session-only',
      jsonBody: requestSchema(createTokenSchema),
      responses: { '201': jsonRef('The token, with its secret shown this once.', 'CreatedToken') },
      errors: ['conflict'],
    }),
  },
  '/api/account/tokens/{id}': {
    delete: operation({
      operationId: 'revokeToken',
      summary: 'Revoke one of your API tokens',
      description: "204 also when it was revoked already; another user's token is a 404.",
      tag,
      access: 'session-only',
      parameters: [idParameter('token')],
      responses: { '204': noContent('Revoked.') },
    }),
  },
  '/api/admin/users': {
    get: operation({
      operationId: 'listUsers',
      summary: 'Every user (admin)',
      tag: 'Admin',
      responses: { '200': jsonContent('The users.', objectOf({ items: arrayOf(schemaRef('User')) })) },
    }),
    post: operation({
      operationId: 'createUser',
      summary: 'Create a user (admin)',
      description: 'An e-mail address already in use is a 400 on `email`.',
      tag: 'Admin',
      jsonBody: requestSchema(createUserSchema),
      responses: { '201': jsonRef('The user.', 'User') },
    }),
  },
  '/api/admin/users/{id}': {
    patch: operation({
      operationId: 'updateUser',
      summary: 'Change a role, disable or enable, or reset a password (admin)',
      description: 'One change per request, named by `action`. The last active admin cannot be demoted or disabled.',
      tag: 'Admin',
      parameters: [idParameter('user')],
      jsonBody: requestSchema(updateUserSchema),
      responses: { '200': jsonRef('The user after the change.', 'User') },
      errors: ['conflict'],
    }),
  },
};
