import { env } from '../lib/env.ts';
import cluster from 'node:cluster';
import http from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';
import next from 'next';
import { CLIENT_IP_HEADER } from '../lib/auth/client-ip.ts';
import { errorBody, errorStatus } from '../lib/http/error-shape.ts';
import { strictTransportSecurity } from '../lib/http/hsts.ts';
import { isServedMethod, methodNotAllowed } from '../lib/http/methods.ts';

export interface ServeOptions {
  dir: string;
  port: number;
  hostname: string;
  dev?: boolean;
}

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** On every answer of a clustered app process (WEB_CONCURRENCY > 1): which process answered, its pid. */
export const WORKER_HEADER = 'x-newsmark-worker';

/**
 * Next.js behind a plain Node server, so the client's address comes from the socket: Next itself
 * would trust any X-Forwarded-For a client sends, which would let it dodge the per-IP login limit.
 * Set TRUST_PROXY=1 only behind a reverse proxy that sets X-Forwarded-For.
 */
export async function serve({ dir, port, hostname, dev = false }: ServeOptions): Promise<Server> {
  const app = next({ dev, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const { TRUST_PROXY: trustProxy, NEXTAUTH_URL } = env();
  const compress = fastCompression();
  // Here rather than in next.config.js, whose headers are fixed at build time: NEXTAUTH_URL is not.
  const hsts = strictTransportSecurity(NEXTAUTH_URL);
  const worker = cluster.isWorker ? String(process.pid) : null;
  const server = http.createServer((req, res) => {
    if (hsts) res.setHeader('strict-transport-security', hsts);
    if (worker) res.setHeader(WORKER_HEADER, worker);
    if (!isServedMethod(req.method)) return refuseMethod(req, res);
    const forwarded = req.headers['x-forwarded-for'];
    const proxied = trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
    req.headers[CLIENT_IP_HEADER] = proxied || req.socket.remoteAddress || 'unknown';
    compress(req, res, () => void handle(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  return {
    url: serverUrl({ hostname, port }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function serverUrl({ hostname, port }: Pick<ServeOptions, 'hostname' | 'port'>): string {
  const shownHost = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname;
  return `http://${shownHost}:${port}`;
}

/** A method Next.js does not route (TRACE, PROPFIND, …): 405 in the API's error shape, for pages too. */
function refuseMethod(req: http.IncomingMessage, res: http.ServerResponse): void {
  const error = methodNotAllowed(req.method ?? '');
  res.writeHead(errorStatus(error.code), { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(errorBody(error)));
}

/**
 * Response compression at the fastest levels (gzip 1, brotli 2) in place of Next's (gzip 6,
 * brotli 4, `compress: false` in next.config.js): an annotated article's page carries hundreds
 * of kilobytes, and the default levels spent more time compressing it than rendering it, for
 * a few percent fewer bytes.
 */
function fastCompression(): (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void {
  type Req = Parameters<typeof compression.filter>[0];
  type Res = Parameters<typeof compression.filter>[1];
  const filter = (req: Req, res: Res) => compressesAs(res, () => compression.filter(req, res));
  const middleware = compression({ filter, level: zlib.constants.Z_BEST_SPEED, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } } });
  return (req, res, next) => middleware(req as Req, res as Res, next);
}

/**
 * Whether an answer is compressed. Route handlers' headers reach the response through Next's
 * appendHeader, so Content-Type is an array there, which `compression`'s own filter reads as a
 * type it does not know: no API JSON, export or openapi.json was ever compressed. It gets the
 * single value; NDJSON exports, which it does not know either, are compressed too. Server-sent
 * events never are: each event must reach the browser when it is sent.
 */
function compressesAs(res: Pick<http.ServerResponse, 'getHeader' | 'setHeader'>, byDefault: () => boolean): boolean {
  const header = res.getHeader('content-type');
  if (Array.isArray(header)) res.setHeader('content-type', header.join(', '));
  const type = String(res.getHeader('content-type') ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type === 'text/event-stream') return false;
  return type === 'application/x-ndjson' || byDefault();
}
