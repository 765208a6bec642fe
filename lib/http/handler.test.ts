import { describe, expect, it, vi } from 'vitest';
import { DISCARD_MAX_BYTES, readBodyBytes, readBodyText } from './body.ts';
import { errorStatus } from './error-shape.ts';
import { apiHandler } from './handler.ts';

describe('apiHandler', () => {
  it('turns a bug into the error shape with a reference, never the stack or the message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = apiHandler(async () => {
      throw new Error('secret internal detail at /srv/app/lib/x.ts:12');
    });
    const response = await handler();
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: expect.stringMatching(/^Something went wrong on our side \(reference [0-9a-f-]{36}\)\.$/) },
    });
    expect(text).not.toContain('secret internal detail');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('refuses a cross-site write with 403 in the error shape, without running the handler', async () => {
    const inner = vi.fn(async (request: Request) => new Response(request.method));
    const response = await apiHandler(inner)(new Request('http://x/api/articles', { method: 'POST', headers: { origin: 'http://evil.example', host: 'x' } }));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'Cross-site requests are refused.' } });
    expect(inner).not.toHaveBeenCalled();
  });

  it("answers the 500 of a bug through errorResponse: 'internal' has its status in the closed code set", () => {
    expect(errorStatus('internal')).toBe(500);
  });

  it('answers 503 unavailable with Retry-After while the database is down, with one stack per outage and one line per request', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    let down = true;
    const handler = apiHandler(async (request: Request) => {
      if (down)
        throw Object.assign(new Error("Invalid `prisma.annotation.create()` invocation:\n\nCan't reach database server at 127.0.0.1:5432"), {
          code: 'P1001',
          meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
        });
      return new Response(request.method);
    });
    const call = () => handler(new Request('http://x/api/articles/a1/annotations', { method: 'POST', headers: { origin: 'http://x', host: 'x' } }));
    for (let i = 0; i < 3; i++) {
      const response = await call();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('database') } });
    }
    // The first carries the error (its stack); the others are one line each, without it.
    expect(log.mock.calls.map((call) => call.length)).toEqual([2, 1, 1]);
    expect(log.mock.calls[1]![0]).toBe("[api] database unavailable: POST /api/articles/a1/annotations (Can't reach database server at 127.0.0.1:5432)");
    down = false;
    expect((await call()).status).toBe(200);
    expect(log.mock.calls.at(-1)![0]).toMatch(/reachable again after 3 request/);
    down = true;
    await call();
    expect(log.mock.calls.at(-1)).toHaveLength(2); // a new outage: its first stack again
    down = false;
    await call();
    log.mockRestore();
  });
});

describe('readBodyText', () => {
  const streamed = (chunks: string[]) =>
    new Request('http://x/', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    expect(await readBodyText(streamed(['a'.repeat(600), 'b'.repeat(600)]), 1000)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(await readBodyText(streamed(['née ', '🌊']), 1000)).toEqual({ ok: true, value: 'née 🌊' });
  });

  /** A body of `chunks` chunks of 64 KiB (endless when Infinity) that counts what is read and whether it was cancelled. */
  const counted = (chunks: number) => {
    const seen = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.pulled >= chunks) return controller.close();
        seen.pulled++;
        controller.enqueue(new Uint8Array(65_536));
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { seen, request: new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit) };
  };

  // A connection closed with bytes still unread is reset, and the client loses the 413: it got
  // no answer at all for a third of 10 MB chunked uploads when the body was cancelled at the limit.
  it('reads the rest of a body over the limit before answering, without cancelling it', async () => {
    const { seen, request } = counted(160);
    expect(await readBodyBytes(request, 1_000_000)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(seen).toEqual({ pulled: 160, cancelled: false });
  });

  it('cuts off a body that goes on far past the limit', async () => {
    const { seen, request } = counted(Infinity);
    expect(await readBodyBytes(request, 1_000_000)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    await vi.waitFor(() => expect(seen.cancelled).toBe(true));
    expect(seen.pulled * 65_536).toBeLessThan(1_000_000 + DISCARD_MAX_BYTES + 2 * 65_536);
  });

  it('refuses a declared length over the limit and bytes that are not UTF-8', async () => {
    expect(await readBodyText(new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': '5000' } }), 1000)).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    expect(await readBodyText(new Request('http://x/', { method: 'POST', body: new Uint8Array([0xff, 0xfe, 0x41]) }), 1000)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});

describe('apiHandler and other sites', () => {
  const ok = apiHandler(async (request: Request) => new Response(request.method));
  const request = (method: string, origin?: string) =>
    new Request('http://app.example/api/x', { method, headers: { host: 'app.example', ...(origin ? { origin } : {}) } });

  it('refuses a write from another origin, or an opaque one', async () => {
    expect((await ok(request('POST', 'https://evil.example'))).status).toBe(403);
    expect((await ok(request('PATCH', 'null'))).status).toBe(403);
  });

  it('lets same-origin writes, requests without Origin (scripts) and reads through', async () => {
    expect((await ok(request('POST', 'http://app.example'))).status).toBe(200);
    expect((await ok(request('POST'))).status).toBe(200);
    expect((await ok(request('GET', 'https://evil.example'))).status).toBe(200);
  });
});
