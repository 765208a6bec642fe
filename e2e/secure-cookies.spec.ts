import { randomBytes } from 'node:crypto';
import { projectRoot } from '../scripts/lib/project.ts';
import { serve } from '../scripts/serve.ts';
import { createTestUser, expect, test } from './support/fixtures.ts';

// A second instance of the app that believes it is served over https (behind a TLS proxy):
// its session cookies must then be Secure. It runs in this worker, on the same test database.
test.describe('behind https', () => {
  // One server on one port: both tests in the same worker. The timeout covers starting that second
  // server in this worker: after e2e/cluster.spec.ts ran in the same worker it took 26-30 s instead
  // of about 1 (its database connections time out meanwhile; cause not yet found).
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  const port = Number(process.env.E2E_PORT ?? 3100) + 50;
  let server: Awaited<ReturnType<typeof serve>>;

  test.beforeAll(async () => {
    process.env.NEXTAUTH_URL = `https://127.0.0.1:${port}`;
    process.env.NEXTAUTH_SECRET = randomBytes(32).toString('base64url');
    server = await serve({ dir: projectRoot, port, hostname: '127.0.0.1' });
  });
  test.afterAll(async () => server?.close());

  test('session cookies are Secure, HttpOnly and SameSite=Lax', async ({ playwright }) => {
    const user = await createTestUser('RESEARCHER');
    const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const csrf = await api.get('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('csrf-token'))!.value;
    expect(csrfCookie).toMatch(/^__Host-next-auth\.csrf-token=/);

    const login = await api.post('/api/auth/callback/credentials', {
      headers: { cookie: csrfCookie.split(';')[0]! },
      form: { email: user.email, password: user.password, csrfToken, json: 'true' },
    });
    expect(login.status()).toBe(200);
    const session = login.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('session-token'))!.value;
    expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    await api.dispose();
  });

  test('every response, pages and API alike, carries Strict-Transport-Security', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${port}` });
    for (const path of ['/login', '/api/health', '/api/auth/csrf', '/no-such-page']) {
      expect((await api.get(path, { maxRedirects: 0 })).headers()['strict-transport-security'], path).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    }
    await api.dispose();
  });
});

test('over plain http, no Strict-Transport-Security is sent', async ({ request }) => {
  for (const path of ['/login', '/api/health']) expect((await request.get(path)).headers()['strict-transport-security'], path).toBeUndefined();
});
