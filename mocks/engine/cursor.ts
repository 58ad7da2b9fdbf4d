/**
 * List cursors (contract 1.1): `<epoch>.<sequence>`. The epoch names the server lifetime — a
 * fresh engine draws a new one, a restored state keeps its own (in the browser the state lives on
 * in localStorage, so a reload is the same lifetime) — and the sequence is the global change
 * sequence. A cursor from another lifetime, ahead of this server, or older than the deletions it
 * still remembers cannot be answered honestly with a delta: 410 `cursor_expired` (on `/events`, a
 * `reset` event). Anything else that is not a cursor is 400 `invalid_cursor`.
 */
import { ProblemError } from './problems';

const CURSOR = /^([0-9a-z]{1,16})\.(\d{1,15})$/;

export interface Cursor {
  epoch: string;
  seq: number;
}

/** What a cursor needs to know about the engine: its lifetime, sequence and deletion horizon. */
export interface CursorScope {
  epoch: string;
  seq: number;
  /** the sequence of the newest deletion already forgotten; cursors before it are expired */
  tombstoneFloor: number;
}

export function encodeCursor(epoch: string, seq: number): string {
  return `${epoch}.${seq}`;
}

/** The parts of a cursor, or null when the text is not one. */
export function parseCursor(text: string): Cursor | null {
  const match = CURSOR.exec(text);
  if (!match) return null;
  return { epoch: match[1] as string, seq: Number(match[2]) };
}

export type CursorCheck = { kind: 'ok'; seq: number } | { kind: 'expired'; detail: string };

/**
 * Where a client's cursor stands against this server. Throws 400 `invalid_cursor` for a malformed
 * one (`field` names the parameter or header in the message).
 */
export function checkCursor(scope: CursorScope, text: string, field: string): CursorCheck {
  const cursor = parseCursor(text);
  if (!cursor) throw new ProblemError('invalid_cursor', `${field}: not a cursor of this server (expected <epoch>.<sequence>)`);
  if (cursor.epoch !== scope.epoch) {
    return { kind: 'expired', detail: `${field}: the cursor is from another server lifetime (this one is ${scope.epoch}); reload the list` };
  }
  if (cursor.seq > scope.seq) {
    return { kind: 'expired', detail: `${field}: the cursor is ahead of this server; reload the list` };
  }
  if (cursor.seq < scope.tombstoneFloor) {
    return { kind: 'expired', detail: `${field}: the cursor is older than the deletions this server remembers (24 h); reload the list` };
  }
  return { kind: 'ok', seq: cursor.seq };
}

/** `checkCursor` for list answers: an expired cursor is the 410 problem. */
export function sinceSequence(scope: CursorScope, text: string | null, field = 'since'): number | null {
  if (text === null || text === '') return null;
  const check = checkCursor(scope, text, field);
  if (check.kind === 'expired') throw new ProblemError('cursor_expired', check.detail);
  return check.seq;
}

/** A new server lifetime's name: the start time in base 36 and a random tail, so two starts differ. */
export function newEpoch(now: number): string {
  const tail = new Uint32Array(1);
  globalThis.crypto.getRandomValues(tail);
  return `${Math.max(0, Math.floor(now)).toString(36)}${((tail[0] ?? 0) % 36 ** 4).toString(36).padStart(4, '0')}`;
}
