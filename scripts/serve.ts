import http from 'node:http';
import next from 'next';
import { CLIENT_IP_HEADER } from '../lib/auth/client-ip.ts';

export interface ServeOptions {
  dir: string;
  port: number;
  hostname: string;
  dev?: boolean;
}

/**
 * Next.js behind a plain Node server, so the client's address comes from the socket: Next itself
 * would trust any X-Forwarded-For a client sends, which would let it dodge the per-IP login limit.
 * Set TRUST_PROXY=1 only behind a reverse proxy that sets X-Forwarded-For.
 */
export async function serve({ dir, port, hostname, dev = false }: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  const app = next({ dev, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const trustProxy = process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
  const server = http.createServer((req, res) => {
    const forwarded = req.headers['x-forwarded-for'];
    const proxied = trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
    req.headers[CLIENT_IP_HEADER] = proxied || req.socket.remoteAddress || 'unknown';
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  const shownHost = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
