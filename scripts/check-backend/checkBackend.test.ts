// @vitest-environment node
/**
 * The conformance checker (npm run check:backend) against the real-HTTP mock: the mock passes
 * every case, and a server that breaks one rule — served by a proxy in front of the mock that
 * breaks exactly that rule — fails exactly the case for it.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockHttpServer, type MockHttpServer } from '../../mocks/http/httpServer';
import { startBreakingProxy, type BrokenRule, type Upstream } from './breakingProxy.testSupport';
import { runChecks, type CheckReport } from './runner';

const APP = 'http://127.0.0.1:5173';
let mock: MockHttpServer;
let clean: CheckReport;

beforeAll(async () => {
  mock = await startMockHttpServer({ port: 0, origins: [APP], config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 } });
  clean = await runChecks({ baseUrl: mock.url, origin: APP });
}, 120_000);
afterAll(() => mock.close());

const outcome = (report: CheckReport, id: string) => report.results.find((result) => result.id === id);

async function runBroken(rule: BrokenRule, only: string[]): Promise<CheckReport> {
  const proxy = await startBreakingProxy(mock.url, rule);
  try {
    return await runChecks({ baseUrl: proxy.url, origin: APP, only });
  } finally {
    await proxy.close();
  }
}

/** Reads a JSON answer, changes it, and answers the result instead. */
async function rewriteJson(upstream: Upstream, change: (body: Record<string, unknown>) => void): Promise<Upstream> {
  const chunks: Buffer[] = [];
  for await (const chunk of upstream.body) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  change(body);
  const text = JSON.stringify(body);
  const headers = { ...upstream.headers, 'content-length': String(Buffer.byteLength(text)) };
  delete headers['transfer-encoding'];
  return { status: upstream.status, headers, body: Readable.from([text]) };
}

describe('check:backend', () => {
  it('passes the real-HTTP mock on every case, every answer checked against the OpenAPI document', () => {
    const failed = clean.results.filter((result) => result.outcome !== 'pass');
    expect(failed).toEqual([]);
    expect(clean.results.length).toBeGreaterThanOrEqual(40);
    expect(clean.answers).toBeGreaterThan(100);
  });

  const broken: { rule: string; breaks: BrokenRule; fails: string; says: RegExp }[] = [
    {
      rule: 'a server without Idempotent-Replayed',
      breaks: { headers: (headers) => void delete headers['idempotent-replayed'] },
      fails: 'idempotency.replay',
      says: /Idempotent-Replayed is null/,
    },
    {
      rule: 'a server that answers 200 to a cursor from another lifetime',
      breaks: {
        answer: async (request, send, forward) => {
          const upstream = await send();
          if (upstream.status !== 410 || !request.url.searchParams.has('since')) return upstream;
          upstream.body.resume();
          const url = new URL(request.url);
          url.searchParams.delete('since');
          return forward(`${url.pathname}${url.search}`);
        },
      },
      fails: 'cursor.other-lifetime',
      says: /answered 200, expected 410 cursor_expired/,
    },
    {
      rule: 'a server without Cache-Control: no-store',
      breaks: { headers: (headers) => void (headers['cache-control'] = 'max-age=60') },
      fails: 'headers.every-answer',
      says: /Cache-Control is "max-age=60"/,
    },
    {
      rule: 'a server whose event ids are not list cursors',
      breaks: { sseLine: (line) => (line.startsWith('id:') ? `id: ${line.length}` : line) },
      fails: 'stream.task-events',
      says: /an event id must be a list cursor/,
    },
    {
      rule: 'a server without CORS expose headers',
      breaks: { headers: (headers) => void delete headers['access-control-expose-headers'] },
      fails: 'cors.exposed-headers',
      says: /Access-Control-Expose-Headers lacks etag, retry-after, location, idempotent-replayed, date, x-trace-id/,
    },
    {
      rule: 'a server whose list answer lacks serverTime and whose tasks lack version',
      breaks: {
        answer: async (request, send) => {
          const upstream = await send();
          if (request.url.pathname !== '/api/v1/tasks' || upstream.status !== 200) return upstream;
          return rewriteJson(upstream, (body) => {
            delete body.serverTime;
            for (const item of body.items as Record<string, unknown>[]) delete item.version;
          });
        },
      },
      fails: 'list.page',
      says: /must have required property 'serverTime'/,
    },
    {
      rule: 'a server that sends 503 without Retry-After',
      breaks: { headers: (headers) => void (headers['retry-after'] === undefined || delete headers['retry-after']) },
      fails: 'mock.outage',
      says: /no Retry-After header/,
    },
  ];

  for (const { rule, breaks, fails, says } of broken) {
    it(`fails ${fails} for ${rule}`, async () => {
      expect(outcome(clean, fails)?.outcome).toBe('pass');
      const report = await runBroken(breaks, [fails]);
      const result = outcome(report, fails);
      expect(result?.outcome).toBe('fail');
      expect(result?.detail).toMatch(says);
    }, 60_000);
  }
});
