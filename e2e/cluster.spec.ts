import http from 'node:http';
import { startApp, stopApp, type BenchApp } from '../bench/app-server.ts';
import { db } from '../lib/db.ts';
import { generateToken, hashToken, tokenPrefix } from '../lib/auth/token-format.ts';
import { createTestArticle, createTestUser, expect, test } from './support/fixtures.ts';

// `WEB_CONCURRENCY=2`: the production server as `npm start` runs it, two app processes on one port
// and one database. Each request opens its own connection, so the cluster spreads them over both.

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

function request(baseURL: string, path: string, options: { method?: string; token?: string; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { connection: 'close', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const req = http.request(`${baseURL}${path}`, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-newsmark-worker'] as string | undefined, body }));
    });
    // A connection handed to a process in the instant it is killed is never answered.
    req.setTimeout(10_000, () => req.destroy(new Error(`No answer to ${path} within 10 s`)));
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

let app: BenchApp | undefined;
test.afterAll(async () => {
  if (app) await stopApp(app.child);
});

test('WEB_CONCURRENCY=2 answers from two app processes, a change made through one reaches a stream held by the other, a dead one is replaced', async ({
  workerApp,
}) => {
  test.setTimeout(180_000);
  app = await startApp(workerApp.databaseUrl, { WEB_CONCURRENCY: '2' });
  const { baseURL } = app;

  const workers = new Set<string>();
  for (let i = 0; i < 20 && workers.size < 2; i++) {
    const health = await request(baseURL, '/api/health');
    expect(health.status).toBe(200);
    if (health.worker) workers.add(health.worker);
  }
  expect(workers.size).toBe(2);
  expect(workers.has(String(app.child.pid))).toBe(false);

  const user = await createTestUser('RESEARCHER');
  const token = generateToken();
  await db().apiToken.create({ data: { userId: user.id, name: 'cluster test', tokenHash: hashToken(token), prefix: tokenPrefix(token) } });
  const article = await createTestArticle('Clustered', 'The harbour authority said the new ferry starts in May, a spokesman said.');

  // The stream, on whichever process takes its connection.
  let received = '';
  const stream = await new Promise<{ worker: string; request: http.ClientRequest }>((resolve, reject) => {
    const req = http.get(`${baseURL}/api/articles/${article.id}/events`, { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      res.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
      resolve({ worker: res.headers['x-newsmark-worker'] as string, request: req });
    });
    req.on('error', reject);
  });
  try {
    await expect.poll(() => received).toContain('listening');
    // Annotate through the other process: new connections until one lands there.
    let created: { id: string } | undefined;
    for (let attempt = 0; attempt < 20 && !created; attempt++) {
      const answer = await request(baseURL, `/api/articles/${article.id}/annotations`, {
        method: 'POST',
        token,
        body: { kind: 'claim', start: 4 + attempt, end: 20 + attempt },
      });
      expect(answer.status).toBe(201);
      if (answer.worker && answer.worker !== stream.worker) created = JSON.parse(answer.body) as { id: string };
    }
    expect(created).toBeDefined();
    await expect.poll(() => received, { timeout: 15_000 }).toContain(created!.id);
  } finally {
    stream.request.destroy();
  }

  // A process that dies is replaced; stopping the server stops every process.
  const [killed] = [...workers];
  process.kill(Number(killed), 'SIGKILL');
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        const health = await request(baseURL, '/api/health').catch(() => null);
        if (health?.status === 200 && health.worker) seen.add(health.worker);
        return [...seen].filter((pid) => !workers.has(pid)).length;
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  const alive = (pid: string) => {
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch {
      return false;
    }
  };
  const pids = [...workers, ...seen].filter((pid) => pid !== killed);
  await stopApp(app.child);
  app = undefined;
  await expect.poll(() => pids.filter(alive), { timeout: 15_000 }).toEqual([]);
});
