/**
 * Per-task log store (`GET /tasks/{id}/logs`). Entries are kept oldest first with strictly
 * increasing timestamps per task, so a client tailing with `after=<ts of the last line>` never
 * misses or repeats a line. Each task keeps its newest `LOG_CAP` lines.
 */
import type { LogEntry } from '../../src/api/schemas';
import { iso } from './time';

export const LOG_CAP = 200;

/** A log line as stored: epoch milliseconds instead of the ISO string. */
export interface StoredLogLine {
  at: number;
  level: LogEntry['level'];
  stage: string | null;
  message: string;
}

export class TaskLogs {
  private lines = new Map<string, StoredLogLine[]>();

  /**
   * @param backfill writes the history of a task that was created directly in some state
   *   (seeded) the first time its log is read or appended to; returns null for other tasks.
   */
  constructor(private readonly backfill: (taskId: string) => StoredLogLine[] | null = () => null) {}

  append(taskId: string, at: number, level: LogEntry['level'], stage: string | null, message: string): void {
    const lines = this.linesOf(taskId);
    const last = lines[lines.length - 1];
    const stamp = Math.max(Math.round(at), last ? last.at + 1 : -Infinity);
    lines.push({ at: stamp, level, stage, message });
    if (lines.length > LOG_CAP) lines.splice(0, lines.length - LOG_CAP);
  }

  /** The entries of a task, oldest first; with `afterMs` only those strictly later. */
  list(taskId: string, afterMs: number | null = null): LogEntry[] {
    const lines = this.linesOf(taskId);
    const from = afterMs === null ? 0 : firstAfter(lines, afterMs);
    return lines.slice(from).map((line) => ({
      ts: iso(line.at),
      level: line.level,
      stage: line.stage,
      message: line.message,
    }));
  }

  delete(taskId: string): void {
    this.lines.delete(taskId);
  }

  clear(): void {
    this.lines.clear();
  }

  /** The newest `perTask` lines of every task, for persistence. */
  snapshot(perTask: number): Record<string, StoredLogLine[]> {
    const out: Record<string, StoredLogLine[]> = {};
    for (const [taskId, lines] of this.lines) out[taskId] = lines.slice(-perTask);
    return out;
  }

  restore(saved: Record<string, StoredLogLine[]>): void {
    this.lines = new Map(Object.entries(saved).map(([taskId, lines]) => [taskId, lines.slice(-LOG_CAP)]));
  }

  private linesOf(taskId: string): StoredLogLine[] {
    let lines = this.lines.get(taskId);
    if (!lines) {
      lines = this.backfill(taskId) ?? [];
      this.lines.set(taskId, lines);
    }
    return lines;
  }
}

/** Index of the first line later than `afterMs` (lines are sorted by time). */
function firstAfter(lines: readonly StoredLogLine[], afterMs: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lines[mid]?.at ?? 0) <= afterMs) low = mid + 1;
    else high = mid;
  }
  return low;
}
