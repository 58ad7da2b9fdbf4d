import { describe, expect, it } from 'vitest';
import type { Attempt, LogEntry } from '../api/schemas';
import { iso, makeTask, stagesAt, T0 } from '../../test/utils/taskFactory';
import { buildErrorReport, buildErrorReportJson, failedAttemptLogs, formatLogLine, REPORT_LOG_LINES } from './errorReport';
import { attemptRows } from './attemptHistory';

const XSS = '<img src=x onerror=alert(1)>';
const LINK = 'https://tasks.example/app/?task=task-42';
const NOW = Date.parse('2026-11-22T11:00:00.000Z');

function logLines(count: number, from = T0, prefix = 'line'): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    ts: iso(from + i * 1000),
    level: i % 2 ? 'info' : 'warn',
    stage: i === 0 ? null : 'inference',
    message: `${prefix} ${i + 1}`,
  }));
}

const failed = makeTask({
  id: 'task-42',
  type: 'image',
  title: `Lighthouse ${XSS}`,
  params: { prompt: 'a lighthouse', count: 2, hd: true },
  priority: 'high',
  status: 'failed',
  stages: stagesAt(1, 0.4, 'failed'),
  attempt: 2,
  error: { code: 'gpu_oom', message: 'Out of memory:\n  at layer 3', retryable: true, stage: 'inference', traceId: 'tr-9' },
  cost: { estimated: 2, actual: 0.9, currency: 'USD' },
  createdAt: '2026-11-22T10:00:00Z',
  startedAt: '2026-11-22T10:00:40.250Z',
  finishedAt: '2026-11-22T10:01:00.000Z',
});

const attempts: Attempt[] = [
  {
    attempt: 1,
    status: 'failed',
    startedAt: iso(T0),
    finishedAt: iso(T0 + 30_000),
    stage: 'inference',
    error: { code: 'worker_lost', message: 'The worker went away', retryable: true, stage: 'inference', traceId: 'tr-1' },
    cost: 0.1,
  },
  {
    attempt: 2,
    status: 'failed',
    startedAt: '2026-11-22T10:00:40.250Z',
    finishedAt: '2026-11-22T10:01:00.000Z',
    stage: 'inference',
    error: failed.error,
    cost: 0.8,
  },
];

const input = (overrides = {}) => ({
  task: failed,
  attempts,
  logs: [...logLines(3, T0, 'first'), ...logLines(25, T0 + 41_000)],
  link: LINK,
  appVersion: '1.2.3',
  userAgent: 'TestAgent/1.0',
  now: NOW,
  ...overrides,
});

describe('buildErrorReport', () => {
  it('starts with every fact on its own line, user text verbatim: link, priority, cost, then the parameters', () => {
    const lines = buildErrorReport(input()).split('\n');
    expect(lines.slice(0, 27)).toEqual([
      'Task Center error report',
      'Task ID: task-42',
      `Link: ${LINK}`,
      'Type: image',
      `Title: Lighthouse ${XSS}`,
      'Priority: high',
      'Status: failed',
      'Stage: inference',
      'Error code: gpu_oom',
      'Message: Out of memory:',
      '  at layer 3',
      'Retryable: yes',
      'Trace ID: tr-9',
      'Attempt: 2',
      'Cost: estimated 2.00 USD per run, 3.80 USD for 2 attempt(s); actual 0.90 USD',
      'Created: 2026-11-22T10:00:00.000Z',
      'Started: 2026-11-22T10:00:40.250Z',
      'Finished: 2026-11-22T10:01:00.000Z',
      'App version: 1.2.3',
      'User agent: TestAgent/1.0',
      'Report made: 2026-11-22T11:00:00.000Z',
      '',
      'Parameters:',
      '  prompt: a lighthouse',
      '  count: 2',
      '  hd: true',
      '',
    ]);
  });

  it("lists every attempt with its outcome, stage, times, error and cost against the expectation", () => {
    const report = buildErrorReport(input());
    expect(report).toContain(
      [
        'Attempts (2):',
        '  #1 failed at inference after 30.0 s',
        `     started ${iso(T0)}, finished ${iso(T0 + 30_000)}`,
        '     cost 0.10 USD (expected 2.00 USD)',
        '     error worker_lost (retryable, trace tr-1): The worker went away',
        '  #2 failed at inference after 19.8 s',
        '     started 2026-11-22T10:00:40.250Z, finished 2026-11-22T10:01:00.000Z',
        '     cost 0.80 USD (expected 1.80 USD)',
        '     error gpu_oom (retryable, trace tr-9): Out of memory:',
      ].join('\n'),
    );
  });

  it('carries the last 20 log lines of each failed attempt, saying what was cut', () => {
    const report = buildErrorReport(input());
    expect(report).toContain(`Log of attempt 1: all 3 lines\n${formatLogLine(logLines(3, T0, 'first')[0]!)}`);
    const second = report.split(`Log of attempt 2: last ${REPORT_LOG_LINES} of 25 lines (5 earlier lines not included)\n`)[1]!.split('\n');
    expect(second).toHaveLength(20);
    expect(second[0]).toMatch(/ line 6$/);
    expect(second[19]).toMatch(/ line 25$/);
    expect(report).not.toMatch(/ line 5$/m);
  });

  it('shows "-" for every missing field, and reads a task without a history as one attempt', () => {
    const task = makeTask({
      id: 'task-7',
      title: '',
      params: {},
      status: 'failed',
      stages: stagesAt(0, 0, 'pending'),
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    const lines = buildErrorReport(input({ task, attempts: undefined, logs: [], appVersion: '', userAgent: '', link: '' })).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Link: -',
        'Title: -',
        'Stage: -',
        'Error code: -',
        'Message: -',
        'Retryable: -',
        'Trace ID: -',
        'Started: -',
        'Finished: -',
        'App version: -',
        'User agent: -',
        'Attempts (1):',
        'Log of attempt 1: all 0 lines',
      ]),
    );
    expect(lines[lines.indexOf('Parameters:') + 1]).toBe('  -');
    expect(lines.at(-1)).toBe('-');
  });

  it('falls back to the failed stage when the error names none, and says "no" for final errors', () => {
    const task = { ...failed, error: { ...failed.error!, stage: null, traceId: null, retryable: false } };
    const lines = buildErrorReport(input({ task, attempts: undefined })).split('\n');
    expect(lines).toContain('Stage: inference');
    expect(lines).toContain('Retryable: no');
    expect(lines).toContain('Trace ID: -');
  });
});

describe('buildErrorReportJson', () => {
  it('holds the same facts as data', () => {
    const json = buildErrorReportJson(input());
    expect(json).toMatchObject({
      format: 'task-center-error-report',
      version: 1,
      generatedAt: '2026-11-22T11:00:00.000Z',
      link: LINK,
      app: { version: '1.2.3', userAgent: 'TestAgent/1.0' },
      task: { id: 'task-42', priority: 'high', params: { prompt: 'a lighthouse', count: 2, hd: true }, cost: { estimated: 2, actual: 0.9 } },
      cost: { estimatedRun: 2, actual: 0.9, currency: 'USD' },
    });
    expect(json.attempts.map((attempt) => [attempt.attempt, attempt.error?.code, attempt.actualCost, attempt.estimatedCost])).toEqual([
      [1, 'worker_lost', 0.1, 2],
      [2, 'gpu_oom', 0.8, 1.8],
    ]);
    expect(json.logs.map((log) => [log.attempt, log.lines.length, log.omitted])).toEqual([
      [1, 3, 0],
      [2, 20, 5],
    ]);
    // Round-trips through JSON unchanged (what the download writes).
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('failedAttemptLogs', () => {
  it('keeps the lines written just after a failure with it, up to the next attempt', () => {
    const rows = attemptRows(failed, attempts);
    // 31 s: after attempt 1 ended (30 s), before attempt 2 started (40.25 s): its trace line.
    const trace = { ts: iso(T0 + 31_000), level: 'error' as const, stage: 'inference', message: 'trace_id=tr-1' };
    const logs = failedAttemptLogs(rows, [...logLines(2, T0, 'a'), trace, ...logLines(2, T0 + 45_000, 'b')]);
    expect(logs.map((log) => log.lines.map((line) => line.message))).toEqual([['a 1', 'a 2', 'trace_id=tr-1'], ['b 1', 'b 2']]);
  });

  it('gives each failed attempt the lines of its window, and skips attempts that did not fail', () => {
    const rows = attemptRows({ ...failed, status: 'succeeded', error: null, attempt: 2 }, [
      attempts[0]!,
      { ...attempts[1]!, status: 'succeeded', error: null },
    ]);
    const logs = failedAttemptLogs(rows, [...logLines(2, T0, 'a'), ...logLines(2, T0 + 45_000, 'b')]);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.lines.map((line) => line.message)).toEqual(['a 1', 'a 2']);
  });
});

describe('formatLogLine', () => {
  it('is "ts level [stage] message" with the message verbatim', () => {
    expect(formatLogLine({ ts: '2026-11-22T10:00:00.000Z', level: 'error', stage: 'upload', message: XSS })).toBe(
      `2026-11-22T10:00:00.000Z error [upload] ${XSS}`,
    );
  });
});
