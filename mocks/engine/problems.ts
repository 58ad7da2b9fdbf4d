/**
 * Problem details (RFC 9457) as the engine raises them. Engine code throws a `ProblemError`; the
 * HTTP layer turns it into an `application/problem+json` answer with the request's trace id.
 * Every code the mock uses is listed in `PROBLEM_CODES` (src/api/problemCodes.ts, shared with the
 * OpenAPI document) and documented in docs/api.md.
 */
import { PROBLEM_CODES, type ProblemCode } from '../../src/api/problemCodes';
import type { ProblemDetails } from '../../src/api/schemas';

export const PROBLEM_TYPE_BASE = 'https://task-center.example/problems/';

/** The problem body the mock sends: every field of the contract present. */
export type ProblemBody = ProblemDetails;

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
