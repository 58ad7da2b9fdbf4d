/**
 * Every problem `code` of the contract (docs/api.md "Errors") with its HTTP status and title: the
 * mock raises exactly these, and the OpenAPI document (docs/openapi.json) lists them per answer.
 * A server may send codes of its own (401/403 auth, say); clients branch on status first.
 */
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

/** The codes a given status may carry, in the table's order. */
export function problemCodesFor(status: number): ProblemCode[] {
  return (Object.keys(PROBLEM_CODES) as ProblemCode[]).filter((code) => PROBLEM_CODES[code].status === status);
}
