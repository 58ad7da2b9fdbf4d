/**
 * Problem details (RFC 9457) as the engine raises them. Engine code throws a `ProblemError`; the
 * HTTP layer turns it into an `application/problem+json` answer with the request's trace id.
 * Every code the mock uses is listed in `PROBLEM_CODES` and documented in docs/api.md.
 */
import type { Problem } from '../../src/api/schemas';

export const PROBLEM_TYPE_BASE = 'https://task-center.example/problems/';

export const PROBLEM_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  invalid_body: { status: 400, title: 'The request body is not JSON' },
  invalid_query: { status: 400, title: 'A query parameter is not valid' },
  invalid_cursor: { status: 400, title: 'The cursor is not valid' },
  idempotency_key_missing: { status: 400, title: 'Idempotency-Key header is required' },
  idempotency_key_invalid: { status: 400, title: 'Idempotency-Key header is not valid' },
  budget_exceeded: { status: 402, title: 'Budget exceeded' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such endpoint' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_retryable_state: { status: 409, title: 'Only failed tasks can be retried' },
  not_cancelable: { status: 409, title: 'Only queued or running tasks can be canceled' },
  not_deletable: { status: 409, title: 'Only finished tasks can be deleted' },
  not_ready: { status: 409, title: 'The result is not ready' },
  cursor_expired: { status: 410, title: 'The cursor has expired' },
  request_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key was used with a different request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The problem body the mock sends: every field of the contract present. */
export type ProblemBody = Required<Problem>;

export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** seconds for the `Retry-After` header (429 / 503) */
  readonly retryAfterSeconds: number | null;
  /** extra headers for the answer (e.g. `Allow` on a 405) */
  readonly headers: Record<string, string> = {};

  constructor(code: ProblemCode, detail: string, retryAfterSeconds: number | null = null) {
    super(detail);
    this.code = code;
    this.status = PROBLEM_CODES[code].status;
    this.title = PROBLEM_CODES[code].title;
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Whether a client may send the same request again (429 and 5xx). */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }

  toBody(traceId: string): ProblemBody {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      retryable: this.retryable,
      traceId,
    };
  }
}

export function isProblemError(value: unknown): value is ProblemError {
  return value instanceof ProblemError;
}

/** 400 `validation_failed` naming the field at fault. */
export function validationProblem(field: string, message: string): ProblemError {
  return new ProblemError('validation_failed', `${field}: ${message}`);
}

export function taskNotFound(id: string): ProblemError {
  return new ProblemError('not_found', `No task with id "${id}"`);
}
