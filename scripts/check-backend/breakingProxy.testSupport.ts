/**
 * For tests: a real HTTP server (node:http) in front of the real-HTTP mock that passes everything
 * through — except the one rule a test asks it to break — and records every request it saw
 * (preflights included). The checker's tests use it to show that each broken rule fails its case;
 * the cross-origin journeys use it to count preflights and to play a load balancer's 503 without
 * CORS headers. The rule object is read on every request, so a test may change it while running.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage | Readable;
}

export interface ProxiedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface BrokenRule {
  /** rewrites the answer's headers (lower-case names) */
  headers?: (headers: IncomingHttpHeaders, request: ProxiedRequest) => void;
  /** rewrites each line of an event stream */
  sseLine?: (line: string) => string;
  /**
   * Answers in place of the upstream. `upstream()` forwards the request as it came, `forward(path)`
   * sends it to another path; not calling either means the mock never sees the request.
   */
  answer?: (request: ProxiedRequest, upstream: () => Promise<Upstream>, forward: (path: string) => Promise<Upstream>) => Promise<Upstream>;
}

export interface ProxyOptions {
  /** 0 (default): any free port */
  port?: number;
  host?: string;
}

export interface BreakingProxy {
  /** the API base through the proxy, e.g. http://127.0.0.1:PORT/api/v1 */
  url: string;
  /** every request the proxy received, in order */
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** A made-up answer (a load balancer's error page, say). */
export function syntheticAnswer(status: number, headers: IncomingHttpHeaders, body: string): Upstream {
  return { status, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body: Readable.from([body]) };
}

export async function startBreakingProxy(upstreamBase: string, rule: BrokenRule = {}, options: ProxyOptions = {}): Promise<BreakingProxy> {
  const upstream = new URL(upstreamBase);
  const requests: ProxiedRequest[] = [];

  function forward(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer | null): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: upstream.hostname, port: upstream.port, method, path, headers: { ...headers, host: upstream.host } },
        (response) => resolve({ status: response.statusCode ?? 502, headers: { ...response.headers }, body: response }),
      );
      outgoing.on('error', reject);
      outgoing.end(body ?? undefined);
    });
  }

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : null;
      const method = incoming.method ?? 'GET';
      const path = incoming.url ?? '/';
      const request: ProxiedRequest = { method, url: new URL(path, 'http://proxy'), headers: incoming.headers, at: Date.now() };
      requests.push(request);
      const send = (to: string) => forward(method, to, incoming.headers, body);
      const answer = rule.answer ? await rule.answer(request, () => send(path), send) : await send(path);
      rule.headers?.(answer.headers, request);
      const isStream = /text\/event-stream/.test(String(answer.headers['content-type'] ?? ''));
      const sseLine = isStream ? rule.sseLine : undefined;
      if (sseLine) delete answer.headers['content-length'];
      outgoing.writeHead(answer.status, answer.headers);
      outgoing.flushHeaders();
      outgoing.on('close', () => answer.body.destroy());
      if (!sseLine) {
        answer.body.pipe(outgoing);
        return;
      }
      let buffer = '';
      answer.body.setEncoding('utf8');
      answer.body.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        outgoing.write(lines.map((line) => `${sseLine(line)}\n`).join(''));
      });
      answer.body.on('end', () => outgoing.end(buffer));
    })().catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
