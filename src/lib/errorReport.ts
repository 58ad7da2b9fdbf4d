/**
 * The report behind "Copy error log", "Download report" and "Report a problem": everything support
 * needs to act on a failed task without asking back — which task (id and a link to it), what was
 * asked (type, title, parameters, priority), what it cost, how every attempt ended (error, stage,
 * trace id, cost) and the last log lines of each failed attempt, with a clear cut-off. As plain
 * text in a fixed English layout (it reads the same whatever language the user chose and can be
 * searched or parsed by tools) and as JSON. Pure: the caller hands in the app version, the user
 * agent, the link and the clock, so tests can pin every line.
 *
 * User and server text (title, messages, log lines) is copied verbatim; a missing value reads "-".
 */
import type { Attempt, LogEntry, Task } from '../api/schemas';
import { attemptRows, attemptTotals, type AttemptRow } from './attemptHistory';

/** How many of the newest log lines of each failed attempt the report carries. */
export const REPORT_LOG_LINES = 20;

export interface ErrorReportInput {
  task: Task;
  /** the server's attempt history (contract 1.1); absent from a 1.0 server */
  attempts?: readonly Attempt[];
  /** the task's log as loaded so far, oldest first */
  logs: readonly LogEntry[];
  /** the address that opens this task in the app */
  link: string;
  appVersion: string;
  userAgent: string;
  /** when the report was made (ms) */
  now: number;
}

export interface AttemptLog {
  attempt: number;
  lines: LogEntry[];
  /** earlier lines of this attempt left out */
  omitted: number;
}

const MISSING = '-';

export function buildErrorReport(input: ErrorReportInput): string {
  const { task, appVersion, userAgent, link } = input;
  const error = task.error;
  const rows = attemptRows(task, input.attempts);
  const totals = attemptTotals(task, rows);
  const money = (amount: number | null) => (amount === null ? MISSING : `${amount.toFixed(2)} ${totals.currency}`);
  const lines = [
    'Task Center error report',
    `Task ID: ${text(task.id)}`,
    `Link: ${text(link)}`,
    `Type: ${text(task.type)}`,
    `Title: ${text(task.title)}`,
    `Priority: ${task.priority}`,
    `Status: ${text(task.status)}`,
    `Stage: ${text(error?.stage ?? failedStageKey(task))}`,
    `Error code: ${text(error?.code)}`,
    `Message: ${text(error?.message)}`,
    `Retryable: ${error ? (error.retryable ? 'yes' : 'no') : MISSING}`,
    `Trace ID: ${text(error?.traceId)}`,
    `Attempt: ${task.attempt}`,
    `Cost: estimated ${money(totals.estimatedRun)} per run, ${money(totals.estimated)} for ${rows.length} attempt(s); actual ${money(totals.actual)}`,
    `Created: ${isoTime(task.createdAt)}`,
    `Started: ${isoTime(task.startedAt)}`,
    `Finished: ${isoTime(task.finishedAt)}`,
    `App version: ${text(appVersion)}`,
    `User agent: ${text(userAgent)}`,
    `Report made: ${isoTime(new Date(input.now).toISOString())}`,
    '',
    'Parameters:',
  ];
  const params = Object.entries(task.params);
  if (params.length === 0) lines.push(`  ${MISSING}`);
  for (const [name, value] of params) lines.push(`  ${name}: ${paramText(value)}`);

  lines.push('', `Attempts (${rows.length}):`);
  for (const row of rows) lines.push(...attemptLines(row, money));

  const logs = failedAttemptLogs(rows, input.logs);
  for (const log of logs) {
    lines.push('');
    const of = log.lines.length + log.omitted;
    lines.push(
      log.omitted > 0
        ? `Log of attempt ${log.attempt}: last ${log.lines.length} of ${of} lines (${log.omitted} earlier lines not included)`
        : `Log of attempt ${log.attempt}: all ${of} lines`,
    );
    if (log.lines.length === 0) lines.push(MISSING);
    for (const entry of log.lines) lines.push(formatLogLine(entry));
  }
  if (logs.length === 0) lines.push('', 'Log: no failed attempt', MISSING);
  return lines.join('\n');
}

/** The same report as data, for tools (Download report as JSON). */
export function buildErrorReportJson(input: ErrorReportInput) {
  const { task } = input;
  const rows = attemptRows(task, input.attempts);
  const totals = attemptTotals(task, rows);
  return {
    format: 'task-center-error-report',
    version: 1,
    generatedAt: new Date(input.now).toISOString(),
    app: { version: input.appVersion, userAgent: input.userAgent },
    link: input.link,
    task: {
      id: task.id,
      type: task.type,
      title: task.title,
      priority: task.priority,
      status: task.status,
      attempt: task.attempt,
      params: task.params,
      error: task.error,
      cost: task.cost,
      stages: task.stages.map(({ key, status, progress, startedAt, finishedAt }) => ({ key, status, progress, startedAt, finishedAt })),
      createdAt: task.createdAt,
      startedAt: task.startedAt,
      finishedAt: task.finishedAt,
    },
    cost: totals,
    attempts: rows.map((row) => ({
      attempt: row.attempt,
      status: row.status,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      durationMs: row.durationMs,
      stage: row.stage,
      error: row.error,
      estimatedCost: round2(row.estimated),
      actualCost: row.actual,
    })),
    logs: failedAttemptLogs(rows, input.logs),
  };
}

/**
 * The log lines of each failed attempt, the newest REPORT_LOG_LINES of each. A line belongs to the
 * attempt running at its time: from where the previous attempt's lines end up to the next
 * attempt's start, so the lines a worker writes just after the failure (its stack, its trace id)
 * stay with the failure they explain.
 */
export function failedAttemptLogs(rows: readonly AttemptRow[], logs: readonly LogEntry[], keep = REPORT_LOG_LINES): AttemptLog[] {
  const result: AttemptLog[] = [];
  let from = -Infinity;
  rows.forEach((row, index) => {
    const nextStart = rows[index + 1]?.startedAt;
    const parsed = nextStart ? Date.parse(nextStart) : NaN;
    const until = Number.isFinite(parsed) ? parsed : index + 1 < rows.length ? endOf(row) : Infinity;
    if (row.status === 'failed') {
      const mine = logs.filter((entry) => {
        const at = Date.parse(entry.ts);
        return Number.isFinite(at) && at >= from && at < until;
      });
      const lines = mine.slice(-keep);
      result.push({ attempt: row.attempt, lines, omitted: mine.length - lines.length });
    }
    from = until;
  });
  return result;
}

/** Just after an attempt's end: for a next attempt that has not started (it waits in the queue). */
function endOf(row: AttemptRow): number {
  const end = row.finishedAt ? Date.parse(row.finishedAt) : NaN;
  return Number.isFinite(end) ? end + 1 : Infinity;
}

/** One log line as `ts level [stage] message`. */
export function formatLogLine(entry: LogEntry): string {
  return `${entry.ts} ${entry.level} [${entry.stage ?? MISSING}] ${entry.message}`;
}

function attemptLines(row: AttemptRow, money: (amount: number | null) => string): string[] {
  const head = `  #${row.attempt} ${row.status}${row.stage ? ` at ${row.stage}` : ''}${row.durationMs === null ? '' : ` after ${seconds(row.durationMs)}`}`;
  const lines = [
    head,
    `     started ${isoTime(row.startedAt)}, finished ${isoTime(row.finishedAt)}`,
    `     cost ${money(row.actual)} (expected ${money(row.estimated)})`,
  ];
  if (row.error) {
    const retryable = row.error.retryable ? 'retryable' : 'final';
    lines.push(`     error ${row.error.code} (${retryable}, trace ${text(row.error.traceId)}): ${row.error.message}`);
  }
  return lines;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Values come from JSON, so they always serialise; `undefined` only for odd local values.
  return JSON.stringify(value) ?? '';
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
