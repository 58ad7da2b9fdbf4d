/**
 * How one HTTP request passes through the mock: the gateway (outage, rate limit, injected
 * faults), the Idempotency-Key check for writes, the simulated latency, the engine's answer, the
 * idempotent record, the save to storage — and every answer carries `X-Trace-Id`,
 * `Cache-Control: no-store` and `Date` on the mock's (possibly skewed) clock. Route handlers
 * (handlers.ts) only say which engine call answers which route.
 *
 * The Idempotency-Key is marked in progress before the latency and completed after the engine
 * answered, so a second request with the same key inside that window really gets 409.
 */
import { delay, HttpResponse } from 'msw';
import type { TaskEngine } from './engine/engine';
import { bodyFingerprint, type IdempotencyRecord, type StoredAnswer } from './engine/idempotency';
import { isProblemError, ProblemError } from './engine/problems';

/** What a route answers, before it becomes a Response. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route's work: gets the parsed JSON body (undefined when empty); may throw ProblemError. */
export type Action = (body: () => unknown) => Answer | Promise<Answer>;

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

/** Serves an API request (`/api/v1/...`): gateway, idempotency for writes, latency, engine. */
export async function serveApi(
  engine: TaskEngine,
  request: Request,
  action: Action,
  idempotencyScope: string | null = null,
): Promise<Response> {
  const traceId = engine.newTraceId();
  try {
    const admission = engine.admit();
    const latency = engine.latency();
    if (admission.kind !== 'pass') {
      await pause(latency);
      if (admission.kind === 'network') return HttpResponse.error();
      if (admission.kind === 'malformed') {
        const headers = baseHeaders(engine, traceId);
        headers.set('Content-Type', JSON_TYPE);
        return new HttpResponse(admission.body, { status: 200, headers });
      }
      return toResponse(engine, problemAnswer(admission.problem, traceId), traceId);
    }
    const text = await readText(request);
    let ticket: IdempotencyRecord | null = null;
    if (idempotencyScope) {
      try {
        const key = request.headers.get('Idempotency-Key');
        const decision = engine.idempotency.begin(idempotencyScope, key, bodyFingerprint(text), engine.advance());
        if (decision.kind === 'replay') {
          await pause(latency);
          return replay(engine, decision.answer, traceId);
        }
        ticket = decision.ticket;
      } catch (error) {
        await pause(latency);
        return toResponse(engine, failure(error, traceId), traceId);
      }
    }
    await pause(latency);
    const answer = await perform(action, text, traceId);
    if (ticket) {
      const code = isProblemBody(answer.body) ? answer.body.code : null;
      engine.idempotency.complete(ticket, stored(answer), code);
    }
    return toResponse(engine, answer, traceId);
  } finally {
    engine.commit();
  }
}

/** Serves a mock control (`/_mock/...`): no faults, no latency, no rate limit. */
export async function serveControl(engine: TaskEngine, request: Request, action: Action): Promise<Response> {
  const traceId = engine.newTraceId();
  try {
    engine.advance();
    return toResponse(engine, await perform(action, await readText(request), traceId), traceId);
  } finally {
    engine.commit();
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return { status, body, headers };
}

async function perform(action: Action, text: string, traceId: string): Promise<Answer> {
  try {
    return await action(() => parseBody(text));
  } catch (error) {
    return failure(error, traceId);
  }
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemError('invalid_body', 'The request body is not valid JSON');
  }
}

async function readText(request: Request): Promise<string> {
  return request.method === 'GET' || request.method === 'HEAD' ? '' : request.text();
}

/** Skips the timer entirely at 0 ms, so tests under fake timers need not advance any. */
async function pause(ms: number): Promise<void> {
  if (ms > 0) await delay(ms);
}

function failure(error: unknown, traceId: string): Answer {
  if (isProblemError(error)) return problemAnswer(error, traceId);
  console.error('[mock] Unexpected error while handling a request', error);
  return problemAnswer(new ProblemError('internal_error', 'The mock failed unexpectedly; see the console'), traceId);
}

/** A problem+json Response with the headers of every answer. */
export function problemResponse(engine: TaskEngine, problem: ProblemError, traceId: string): Response {
  return toResponse(engine, problemAnswer(problem, traceId), traceId);
}

function problemAnswer(problem: ProblemError, traceId: string): Answer {
  const headers: Record<string, string> = { ...problem.headers };
  if (problem.retryAfterSeconds !== null) headers['Retry-After'] = String(Math.ceil(problem.retryAfterSeconds));
  return { status: problem.status, body: problem.toBody(traceId), headers };
}

function isProblemBody(body: unknown): body is { code: string } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

function stored(answer: Answer): StoredAnswer {
  return { status: answer.status, body: answer.body ?? null, location: answer.headers?.Location ?? null };
}

function replay(engine: TaskEngine, answer: StoredAnswer, traceId: string): Response {
  const headers: Record<string, string> = { 'Idempotent-Replayed': 'true' };
  if (answer.location) headers.Location = answer.location;
  return toResponse(engine, { status: answer.status, body: answer.body, headers }, traceId);
}

/** The headers of every answer: trace id, no caching anywhere (contract 1.1), the server's Date. */
export function baseHeaders(engine: TaskEngine, traceId: string, extra?: Record<string, string>): Headers {
  const headers = new Headers(extra);
  headers.set('X-Trace-Id', traceId);
  headers.set('Cache-Control', 'no-store');
  headers.set('Date', new Date(engine.serverNow()).toUTCString());
  return headers;
}

function toResponse(engine: TaskEngine, answer: Answer, traceId: string): Response {
  const headers = baseHeaders(engine, traceId, answer.headers);
  if (answer.body === undefined || answer.status === 204 || answer.status === 304) {
    return new HttpResponse(null, { status: answer.status, headers });
  }
  headers.set('Content-Type', answer.status >= 400 ? PROBLEM_TYPE : JSON_TYPE);
  return new HttpResponse(JSON.stringify(answer.body), { status: answer.status, headers });
}
