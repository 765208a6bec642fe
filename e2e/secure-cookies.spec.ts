import { startApp, stopApp, type BenchApp } from '../bench/app-server.ts';
import { createTestUser, expect, test } from './support/fixtures.ts';

// A second instance of the app that believes it is served over https (behind a TLS proxy): its
// session cookies must then be Secure. It runs in a process of its own, on the worker’s database:
// served from inside this worker, Next.js's server bundles went through Playwright's own module
// transform, which took 25-45 s once another spec had loaded the app's sources here.
test.describe('behind https', () => {
  // One server: both tests in the same worker.
  test.describe.configure({ mode: 'serial' });
  let app: BenchApp | undefined;

  test.beforeAll(async ({ workerApp }) => {
    app = await startApp(workerApp.databaseUrl, { E2E_NEXTAUTH_URL: 'https://127.0.0.1' });
  });
  test.afterAll(async () => {
    if (app) await stopApp(app.child);
  });

  test('session cookies are Secure, HttpOnly and SameSite=Lax', async ({ playwright }) => {
    const user = await createTestUser('RESEARCHER');
    const api = await playwright.request.newContext({ baseURL: app!.baseURL });
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
    const api = await playwright.request.newContext({ baseURL: app!.baseURL });
    for (const path of ['/login', '/api/health', '/api/auth/csrf', '/no-such-page']) {
      expect((await api.get(path, { maxRedirects: 0 })).headers()['strict-transport-security'], path).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    }
    await api.dispose();
  });
});

test('over plain http, no Strict-Transport-Security is sent', async ({ request }) => {
  for (const path of ['/login', '/api/health']) expect((await request.get(path)).headers()['strict-transport-security'], path).toBeUndefined();
});
