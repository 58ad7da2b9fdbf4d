/**
 * The Idempotency-Key store for `POST /tasks` and `POST /tasks/{id}/retry`, per the contract and
 * the IETF draft: a key is scoped to method + path; the first request marks it in progress, and
 * its answer is kept for 24 hours. A second request with the same key gets the stored answer
 * replayed (same body → `Idempotent-Replayed: true`), 422 with a different body, 409 while the
 * first one is still being processed.
 *
 * Which answers are stored: those of requests that took effect (2xx) and those rejected for their
 * own content (400 `validation_failed` / `invalid_body`: the same body always fails the same
 * way). Answers that depend on the moment — 402 budget, 404, 409 state, 429, 5xx, network — are
 * not stored, so the same key can be sent again once the condition has cleared.
 */
import { canonicalJson } from '../../src/lib/canonicalJson';
import { ProblemError } from './problems';
import { DAY } from './time';

export const IDEMPOTENCY_TTL_MS = DAY;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** A safety valve against unbounded growth; far above what a day of real use produces. */
const MAX_RECORDS = 50_000;

/** An answer as stored for replay. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  location: string | null;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  fingerprint: string;
  createdAt: number;
  answer: StoredAnswer | null;
}

export type IdempotencyDecision =
  | { kind: 'proceed'; ticket: IdempotencyRecord }
  | { kind: 'replay'; answer: StoredAnswer };

/** The fingerprint of a request body: canonical JSON, or the raw text when it is not JSON. */
export function bodyFingerprint(text: string): string {
  if (text.trim() === '') return canonicalJson({});
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return `raw:${text}`;
  }
}

/** Whether an answer is kept for replay (see the module comment). */
export function isStorableAnswer(status: number, code: string | null): boolean {
  if (status >= 200 && status < 300) return true;
  return status === 400 && (code === 'validation_failed' || code === 'invalid_body');
}

export class IdempotencyStore {
  private records = new Map<string, IdempotencyRecord>();
  /** a stored answer changed since the last save */
  dirty = false;

  /** Checks the key and, when the request may go ahead, marks it in progress. Throws problems. */
  begin(scope: string, key: string | null, fingerprint: string, now: number): IdempotencyDecision {
    if (key === null || key.trim() === '') {
      throw new ProblemError('idempotency_key_missing', 'Send an Idempotency-Key header (a unique string per intended operation)');
    }
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ProblemError('idempotency_key_invalid', `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    this.prune(now);
    const id = `${scope}\n${key}`;
    const existing = this.records.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new ProblemError('idempotency_key_reused', `Idempotency-Key "${key}" was already used for ${scope} with a different body`);
      }
      if (!existing.answer) {
        // Contract 1.1: Retry-After: 1 — the first request usually finishes within a second.
        throw new ProblemError('request_in_progress', `The first ${scope} with this Idempotency-Key is still being processed; try again shortly`, 1);
      }
      return { kind: 'replay', answer: existing.answer };
    }
    const ticket: IdempotencyRecord = { scope, key, fingerprint, createdAt: now, answer: null };
    this.records.set(id, ticket);
    return { kind: 'proceed', ticket };
  }

  /** Stores the answer of a request that went ahead, or forgets the key if it is not storable. */
  complete(ticket: IdempotencyRecord, answer: StoredAnswer, code: string | null): void {
    if (isStorableAnswer(answer.status, code)) {
      ticket.answer = answer;
      this.dirty = true;
    } else {
      this.abandon(ticket);
    }
  }

  /** Forgets a key whose request did not finish (fault, network error). */
  abandon(ticket: IdempotencyRecord): void {
    const id = `${ticket.scope}\n${ticket.key}`;
    if (this.records.get(id) === ticket) this.records.delete(id);
  }

  prune(now: number): void {
    for (const [id, record] of this.records) {
      if (record.createdAt > now - IDEMPOTENCY_TTL_MS && this.records.size <= MAX_RECORDS) break;
      this.records.delete(id);
      this.dirty = true;
    }
  }

  clear(): void {
    this.records.clear();
    this.dirty = true;
  }

  /** Finished records (in-progress ones die with the page that was processing them). */
  snapshot(): IdempotencyRecord[] {
    return [...this.records.values()].filter((record) => record.answer !== null);
  }

  /** Replaces the records; with `keepInProgress`, requests still being processed keep their marks. */
  restore(records: readonly IdempotencyRecord[], { keepInProgress = false } = {}): void {
    const pending = keepInProgress ? [...this.records.entries()].filter(([, record]) => record.answer === null) : [];
    this.records = new Map(records.map((record) => [`${record.scope}\n${record.key}`, record]));
    for (const [id, record] of pending) if (!this.records.has(id)) this.records.set(id, record);
  }
}
