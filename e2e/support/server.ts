/** The production build, served for one Playwright worker (e2e/support/worker-app.ts) or a bench on the database it prepared. */
import { randomBytes } from 'node:crypto';
import { projectRoot } from '../../scripts/lib/project.ts';
import { env } from '../../lib/env.ts';
import { serveProcesses } from '../../scripts/lib/cluster.ts';

const url = process.env.E2E_DATABASE_URL;
if (!url) throw new Error('E2E_DATABASE_URL is not set: run the browser tests through `npm test` or `npm run test:e2e`.');
const port = Number(process.env.E2E_PORT ?? 3100);

process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET = randomBytes(32).toString('base64url');
// E2E_NEXTAUTH_URL: a public URL other than this one, e.g. https for the secure-cookie tests.
process.env.NEXTAUTH_URL = process.env.E2E_NEXTAUTH_URL ?? `http://127.0.0.1:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = '1';

// WEB_CONCURRENCY as in `npm start`, for the tests and benches of a clustered server.
const server = await serveProcesses({ dir: projectRoot, port, hostname: '127.0.0.1' }, env().WEB_CONCURRENCY, (line) => console.log(line));
console.log(`e2e server on ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
