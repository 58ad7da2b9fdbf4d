/**
 * For the checker's own tests: a real HTTP server (node:http, an ephemeral port) in front of the
 * real-HTTP mock that passes everything through — except the one rule a test asks it to break.
 * The checker run against it must fail the case for that rule, which shows it catches a server
 * that gets the rule wrong.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

export interface BrokenRule {
  /** rewrites the answer's headers (lower-case names) */
  headers?: (headers: IncomingHttpHeaders, request: { method: string; url: URL }) => void;
  /** rewrites each line of an event stream */
  sseLine?: (line: string) => string;
  /** answers instead of the upstream: gets the upstream's answer and may fetch another one */
  answer?: (
    upstream: Upstream,
    request: { method: string; url: URL },
    forward: (path: string) => Promise<Upstream>,
  ) => Promise<Upstream>;
}

export interface BreakingProxy {
  /** the API base through the proxy, e.g. http://127.0.0.1:PORT/api/v1 */
  url: string;
  close(): Promise<void>;
}

export async function startBreakingProxy(upstreamBase: string, rule: BrokenRule = {}): Promise<BreakingProxy> {
  const upstream = new URL(upstreamBase);

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
      const url = new URL(incoming.url ?? '/', 'http://proxy');
      let answer = await forward(method, incoming.url ?? '/', incoming.headers, body);
      if (rule.answer) {
        answer = await rule.answer(answer, { method, url }, (path) => forward(method, path, incoming.headers, body));
      }
      rule.headers?.(answer.headers, { method, url });
      const isStream = /text\/event-stream/.test(String(answer.headers['content-type'] ?? ''));
      if (isStream && rule.sseLine) delete answer.headers['content-length'];
      outgoing.writeHead(answer.status, answer.headers);
      outgoing.flushHeaders();
      outgoing.on('close', () => answer.body.destroy());
      if (!(isStream && rule.sseLine)) {
        answer.body.pipe(outgoing);
        return;
      }
      let buffer = '';
      answer.body.setEncoding('utf8');
      answer.body.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        outgoing.write(lines.map((line) => `${rule.sseLine!(line)}\n`).join(''));
      });
      answer.body.on('end', () => outgoing.end(buffer));
    })().catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
