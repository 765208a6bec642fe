import packageJson from '@/package.json' with { type: 'json' };
import { errorResponses } from './errors.ts';
import { withIdempotencyKeys } from './idempotency.ts';
import { schemas } from './models.ts';
import { accountPaths } from './paths/account.ts';
import { annotationPaths } from './paths/annotations.ts';
import { articlePaths } from './paths/articles.ts';
import { importPaths } from './paths/imports.ts';
import { reviewPaths } from './paths/review.ts';
import { systemPaths } from './paths/system.ts';
import type { Paths } from './model.ts';

/*
 * next-auth's catch-all (app/api/auth/[...nextauth]) is left out on purpose: it is next-auth's
 * own sign-in protocol (CSRF token, form posts, redirects), not part of the JSON contract, and a
 * path parameter cannot span several segments in OpenAPI. Scripts authenticate with a token.
 */
const paths: Paths = withIdempotencyKeys({ ...systemPaths, ...articlePaths, ...annotationPaths, ...reviewPaths, ...importPaths, ...accountPaths });

function buildDocument() {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Newsmark API',
      version: packageJson.version,
      description:
        'The HTTP API of the Newsmark annotation workbench. JSON in and out; offsets are UTF-16 code unit indices into the article text. ' +
        'Errors are `{ error: { code, message, details? } }` with a 4xx status. Request schemas are generated from the zod schemas the routes parse with.',
    },
    // Relative: the document is served by the instance it describes.
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    tags: ['System', 'Articles', 'Annotations', 'Review', 'Import', 'Export', 'Progress', 'Account', 'Admin'].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses: errorResponses,
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description: 'The session of a signed-in browser (`__Secure-next-auth.session-token` over HTTPS). Writes from another site are refused (403).',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A personal API token from /account (`nm_…`). It acts as its owner, with their role as it is now; a request with a token is judged by it alone, never by a cookie it also carries.',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;

let built: OpenApiDocument | undefined;

/** Built on first use and kept: the document only changes with the code. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument();
  return built;
}
