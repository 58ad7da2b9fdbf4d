/**
 * The client's copy of one task's log while it is tailed: the lines loaded so far, oldest first,
 * and the running number of the first kept line (a stable React key when old lines are dropped).
 *
 * The server answers `after=<ts>` with the lines strictly later than `ts`, but a server that
 * answers "at or after" must not duplicate the last line, so lines at the last timestamp that we
 * already hold are dropped; lines older than what we hold never arrive out of order in a tail.
 */
import type { LogEntry } from '../../api/schemas';

/** Enough for any real task; bounds memory for a runaway log. */
export const MAX_LOG_LINES = 2000;

export interface LogTail {
  readonly entries: readonly LogEntry[];
  /** running number of `entries[0]` since the first load */
  readonly firstIndex: number;
}

export function startLogTail(entries: readonly LogEntry[]): LogTail {
  return cap({ entries, firstIndex: 0 });
}

/** Appends a tail answer; returns `tail` itself when nothing is new (no re-render). */
export function appendLogTail(tail: LogTail, incoming: readonly LogEntry[]): LogTail {
  const last = tail.entries.at(-1);
  if (!last) return incoming.length ? cap({ entries: incoming, firstIndex: tail.firstIndex }) : tail;
  const atLastTs = tail.entries.filter((entry) => compareTs(entry.ts, last.ts) === 0);
  const fresh = incoming.filter((entry) => {
    const order = compareTs(entry.ts, last.ts);
    return order > 0 || (order === 0 && !atLastTs.some((held) => sameEntry(held, entry)));
  });
  if (fresh.length === 0) return tail;
  return cap({ entries: [...tail.entries, ...fresh], firstIndex: tail.firstIndex });
}

/** The timestamp to ask for the tail after; null before anything arrived (load the whole log). */
export function tailCursor(tail: LogTail | undefined): string | null {
  return tail?.entries.at(-1)?.ts ?? null;
}

/** Time order of two ISO timestamps (whatever their offset notation); text order if unparsable. */
function compareTs(a: string, b: string): number {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameEntry(a: LogEntry, b: LogEntry): boolean {
  return a.ts === b.ts && a.level === b.level && a.stage === b.stage && a.message === b.message;
}

function cap(tail: LogTail): LogTail {
  const excess = tail.entries.length - MAX_LOG_LINES;
  if (excess <= 0) return tail;
  return { entries: tail.entries.slice(excess), firstIndex: tail.firstIndex + excess };
}
