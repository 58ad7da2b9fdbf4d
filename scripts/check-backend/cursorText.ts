/**
 * Cursors are opaque to a client, but to check that a server refuses a cursor from another
 * lifetime the checker must make one. It recognises the shape the contract suggests,
 * `<lifetime><separator><sequence>` (the mock's `mm8q2k1c3f9.1207`), and changes the lifetime.
 * For any other shape the cases that need a forged cursor are skipped.
 */
const SHAPE = /^(.*[0-9a-z])([.:_~-])(\d+)$/i;

export interface CursorParts {
  lifetime: string;
  separator: string;
  sequence: number;
}

export function cursorParts(cursor: string): CursorParts | null {
  const match = SHAPE.exec(cursor);
  if (!match) return null;
  return { lifetime: match[1]!, separator: match[2]!, sequence: Number(match[3]) };
}

/** The same cursor, but from another lifetime: its last lifetime character changed. */
export function otherLifetime(cursor: string, sequence?: number): string | null {
  const parts = cursorParts(cursor);
  if (!parts) return null;
  const last = parts.lifetime.slice(-1);
  const replaced = `${parts.lifetime.slice(0, -1)}${last === '0' ? '1' : '0'}`;
  return `${replaced}${parts.separator}${sequence ?? parts.sequence}`;
}

/** The same lifetime, further than the server has counted. */
export function aheadOf(cursor: string): string | null {
  const parts = cursorParts(cursor);
  return parts ? `${parts.lifetime}${parts.separator}${parts.sequence + 1_000_000}` : null;
}
