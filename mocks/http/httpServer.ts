/**
 * The mock backend over real HTTP: the very handlers and engine the browser's service worker
 * uses (mocks/handlers.ts), served by `node:http`. A thin adapter: each Node request becomes a
 * web `Request`, MSW's `getResponse` finds the handler's answer, and the answer's body is piped
 * back as it is produced — so the event stream streams. Around it, the CORS of contract 1.1 for
 * the app's origins: preflights, and `Access-Control-Expose-Headers` on every answer, errors
 * included. No `window`, no `localStorage`: the state lives in memory, optionally in a file.
 *
 *   const server = await startMockHttpServer({ port: 0 });   // server.url → http://127.0.0.1:PORT/api/v1
 *   …
 *   await server.close();
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import type { MockConfigPatch } from '../../src/api/mockConfig';
import { TaskEngine } from '../engine/engine';
import type { StorageLike } from '../engine/persistence';
import { createHandlers } from '../handlers';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
/** The app's own origins in development (`npm run dev`) and preview (`npm run preview`). */
export const DEFAULT_ORIGINS: readonly string[] = [
  'http://127.0.0.1:5173',
  'http://localhost:5173',
  'http://127.0.0.1:4173',
  'http://localhost:4173',
];

export const CORS_ALLOW_METHODS = 'GET, POST, PUT, DELETE';
export const CORS_ALLOW_HEADERS = 'Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID';
export const CORS_EXPOSE_HEADERS = 'ETag, Retry-After, Location, Idempotent-Replayed, Date, X-Trace-Id';
export const CORS_MAX_AGE_SECONDS = 600;

export interface MockHttpServerOptions {
  port?: number;
  host?: string;
  /** origins allowed by CORS; `*` allows any (each answer names the caller's origin) */
  origins?: readonly string[];
  /** keep the state in this file across restarts (the same server lifetime); none: in memory */
  stateFile?: string | null;
  /** add the demo tasks when starting without a stored state */
  demoSeed?: boolean;
  /** config on top of the mock's defaults (also what `/_mock/reset` returns to) */
  config?: MockConfigPatch;
  seed?: number;
}

export interface MockHttpServer {
  /** the API base, e.g. `http://127.0.0.1:8787/api/v1` */
  url: string;
  port: number;
  engine: TaskEngine;
  server: Server;
  /** drops the event streams, closes every connection and stops listening */
  close(): Promise<void>;
}

/** A Web-Storage-like store in one file (written whole, atomically, on every change). */
export function fileStorage(path: string): StorageLike {
  return {
    getItem: () => (existsSync(path) ? readFileSync(path, 'utf8') : null),
    setItem: (_key, value) => {
      const temporary = `${path}.tmp`;
      writeFileSync(temporary, value);
      renameSync(temporary, path);
    },
  };
}

export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const host = options.host ?? DEFAULT_HOST;
  const origins = new Set(options.origins ?? DEFAULT_ORIGINS);
  const engine = new TaskEngine({
    storage: options.stateFile ? fileStorage(options.stateFile) : null,
    demoSeed: options.demoSeed ?? false,
    config: options.config,
    seed: options.seed,
  });
  engine.commit();
  const handlers = createHandlers(engine);

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      console.error('[mock:server] failed to answer', incoming.method, incoming.url, error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'Content-Type': 'text/plain' });
      outgoing.end();
    });
  });

  /** CORS headers for the caller's origin; none for an origin that is not allowed. */
  function corsHeaders(origin: string | undefined): Record<string, string> {
    if (!origin || !(origins.has('*') || origins.has(origin))) return {};
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS, Vary: 'Origin' };
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const origin = incoming.headers.origin;
    const cors = corsHeaders(origin);
    if (incoming.method === 'OPTIONS' && incoming.headers['access-control-request-method']) {
      // A preflight: allowed origins get the contract's answer, others none (the browser refuses).
      const allowed = Object.keys(cors).length > 0;
      outgoing.writeHead(allowed ? 204 : 403, {
        ...cors,
        ...(allowed && {
          'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
          'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
          'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
        }),
        'Cache-Control': 'no-store',
        'Content-Length': '0',
      });
      outgoing.end();
      return;
    }

    const aborted = new AbortController();
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) aborted.abort();
    });
    const request = await toWebRequest(incoming, host, aborted.signal);
    const response = (await getResponse(handlers, request)) ?? notFound(request);

    if (response.type === 'error') {
      // The mock's injected network failure: the connection breaks without an answer.
      incoming.socket.destroy();
      return;
    }
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    outgoing.writeHead(response.status, { ...headers, ...cors });
    outgoing.flushHeaders();
    if (!response.body) {
      outgoing.end();
      return;
    }
    const reader = response.body.getReader();
    aborted.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) outgoing.write(chunk.value);
    } catch {
      // The client went away mid-answer.
    }
    outgoing.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/api/v1`,
    port,
    engine,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        engine.dropStreams();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function toWebRequest(incoming: IncomingMessage, host: string, signal: AbortSignal): Promise<Request> {
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(url, { method, headers, body, signal });
}

/** Outside `/api/v1` (and `/_mock`): nothing lives there. */
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  const body = {
    type: 'https://task-center.example/problems/route_not_found',
    title: 'No such endpoint',
    status: 404,
    detail: `No endpoint ${request.method} ${pathname}; the API is under /api/v1`,
    code: 'route_not_found',
    retryable: false,
    traceId: '0'.repeat(32),
  };
  return new Response(JSON.stringify(body), {
    status: 404,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', Date: new Date().toUTCString() },
  });
}
