/**
 * Problem answers per status, built from the one table of codes (src/api/problemCodes.ts): each
 * names the codes an endpoint may answer with at that status, so a backend's answer can be
 * checked code by code. 429, 503 and 500 can come from any endpoint (components.responses).
 */
import * as z from 'zod/mini';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { PROBLEM_CODES, type ProblemCode } from '../../src/api/problemCodes';
import { Problem } from './components';
import { everyAnswer, headers } from './headers';

export const PROBLEM_TYPE = 'application/problem+json';

const WHEN: Record<ProblemCode, string> = {
  validation_failed: 'the body or a param is invalid; `detail` starts with the field, e.g. `params.count: must be at most 8`',
  invalid_body: 'the body is not JSON',
  invalid_query: 'a bad `status`, `limit` or `after`',
  invalid_cursor: 'a `pageCursor` or `since` that is not a cursor at all',
  idempotency_key_missing: 'no `Idempotency-Key` on an idempotent write',
  idempotency_key_invalid: 'an `Idempotency-Key` longer than 255 characters',
  budget_exceeded: 'the estimated cost would pass the budget',
  not_found: 'an unknown or deleted task',
  route_not_found: 'no such endpoint',
  method_not_allowed: 'a known path with another method (`Allow` names the methods)',
  not_retryable_state: 'a retry of a task that is not `failed`',
  not_cancelable: 'a cancel of a finished task',
  not_deletable: 'a delete of a queued or running task',
  not_ready: 'the result of a task that has not succeeded',
  cursor_expired:
    'a `since` from another server lifetime, ahead of this server, or older than the deletions it keeps: reload the full list without `since`',
  request_in_progress: 'the first request with this `Idempotency-Key` is still being processed (`Retry-After: 1`)',
  idempotency_key_reused: 'the `Idempotency-Key` was used with another body',
  rate_limited: 'the request limit is reached; wait `Retry-After`',
  internal_error: 'a server failure; retry with backoff',
  unavailable: 'overloaded or down; wait `Retry-After`',
};

function schemaFor(status: number, codes: ProblemCode[]) {
  // allOf [Problem, { status, code }]: the shared shape by reference, narrowed per answer.
  return z.intersection(Problem, z.object({ status: z.literal(status), code: z.enum(codes as [ProblemCode, ...ProblemCode[]]) }));
}

interface ProblemOptions {
  /** extra response headers, e.g. Retry-After on a 409 request_in_progress */
  extraHeaders?: Record<string, z.ZodMiniType>;
  id?: string;
}

/** One problem response for `codes`, which must all share one status. */
export function problemResponse(codes: ProblemCode[], options: ProblemOptions = {}): ZodOpenApiResponseObject {
  const status = PROBLEM_CODES[codes[0]!].status;
  const lines = codes.map((code) => `- \`${code}\`: ${WHEN[code]}`).join('\n');
  return {
    description: `${PROBLEM_CODES[codes[0]!].title}${codes.length > 1 ? ' (one of these codes)' : ''}:\n${lines}`,
    headers: everyAnswer(options.extraHeaders ?? {}),
    content: { [PROBLEM_TYPE]: { schema: schemaFor(status, codes) } },
    ...(options.id ? { id: options.id } : {}),
  };
}

/** `{ '400': …, '404': … }` for the given codes, grouped by status. */
export function problems(...codes: ProblemCode[]): Record<string, ZodOpenApiResponseObject> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) {
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, group] of byStatus) {
    const retryAfter = group.includes('request_in_progress') ? { 'Retry-After': optionalRetryAfter() } : undefined;
    out[String(status)] = problemResponse(group, retryAfter ? { extraHeaders: retryAfter } : {});
  }
  return out;
}

// A fresh instance so that it is optional here and required on 429/503.
const optionalRetryAfter = () => z.optional(headers.retryAfter);

/** The answers any endpoint may give (429, 503 with Retry-After; 500), as shared components. */
export const anyEndpoint: Record<string, ZodOpenApiResponseObject> = {
  '429': problemResponse(['rate_limited'], { extraHeaders: { 'Retry-After': headers.retryAfter }, id: 'RateLimited' }),
  '500': problemResponse(['internal_error'], { id: 'InternalError' }),
  '503': problemResponse(['unavailable'], { extraHeaders: { 'Retry-After': headers.retryAfter }, id: 'Unavailable' }),
};
