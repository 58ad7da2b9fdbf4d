/**
 * The plain-text report behind "Copy error log": everything support needs to find a failed task
 * in the server's logs, in a fixed English layout so that it reads the same whatever language
 * the user chose and can be searched or parsed by tools. Pure: the caller hands in the app version
 * and the user agent, so tests can pin every line.
 *
 * User and server text (title, message, log lines) is copied verbatim; a missing value reads "-".
 */
import type { LogEntry, Task } from '../api/schemas';

/** How many of the newest log lines the report carries. */
export const REPORT_LOG_LINES = 20;

export interface ErrorReportInput {
  task: Task;
  /** the task's log as loaded so far, oldest first */
  logs: readonly LogEntry[];
  appVersion: string;
  userAgent: string;
}

const MISSING = '-';

export function buildErrorReport({ task, logs, appVersion, userAgent }: ErrorReportInput): string {
  const error = task.error;
  const lines = [
    'Task Center error report',
    `Task ID: ${text(task.id)}`,
    `Type: ${text(task.type)}`,
    `Title: ${text(task.title)}`,
    `Status: ${text(task.status)}`,
    `Stage: ${text(error?.stage ?? failedStageKey(task))}`,
    `Error code: ${text(error?.code)}`,
    `Message: ${text(error?.message)}`,
    `Retryable: ${error ? (error.retryable ? 'yes' : 'no') : MISSING}`,
    `Trace ID: ${text(error?.traceId)}`,
    `Attempt: ${task.attempt}`,
    `Created: ${isoTime(task.createdAt)}`,
    `Started: ${isoTime(task.startedAt)}`,
    `Finished: ${isoTime(task.finishedAt)}`,
    `App version: ${text(appVersion)}`,
    `User agent: ${text(userAgent)}`,
    '',
    `Last ${REPORT_LOG_LINES} log lines:`,
  ];
  const tail = logs.slice(-REPORT_LOG_LINES);
  if (tail.length === 0) lines.push(MISSING);
  for (const entry of tail) lines.push(formatLogLine(entry));
  return lines.join('\n');
}

/** One log line as `ts level [stage] message`. */
export function formatLogLine(entry: LogEntry): string {
  return `${entry.ts} ${entry.level} [${entry.stage ?? MISSING}] ${entry.message}`;
}

function failedStageKey(task: Task): string | null {
  return task.stages.find((stage) => stage.status === 'failed')?.key ?? null;
}

function text(value: string | null | undefined): string {
  return value == null || value === '' ? MISSING : value;
}

/** The server sends ISO strings already; normalise to UTC with milliseconds, keep anything odd verbatim. */
function isoTime(value: string | null): string {
  if (!value) return MISSING;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
