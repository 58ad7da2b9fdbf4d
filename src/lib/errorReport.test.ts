import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../api/schemas';
import { iso, makeTask, stagesAt, T0 } from '../../test/utils/taskFactory';
import { buildErrorReport, formatLogLine } from './errorReport';

const XSS = '<img src=x onerror=alert(1)>';

function logLines(count: number): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    ts: iso(T0 + i * 1000),
    level: i % 2 ? 'info' : 'warn',
    stage: i === 0 ? null : 'inference',
    message: `line ${i + 1}`,
  }));
}

describe('buildErrorReport', () => {
  const failed = makeTask({
    id: 'task-42',
    type: 'image',
    title: `Lighthouse ${XSS}`,
    status: 'failed',
    stages: stagesAt(1, 0.4, 'failed'),
    attempt: 2,
    error: { code: 'gpu_oom', message: 'Out of memory:\n  at layer 3', retryable: true, stage: 'inference', traceId: 'tr-9' },
    createdAt: '2026-11-22T10:00:00Z',
    startedAt: '2026-11-22T10:00:05.250Z',
    finishedAt: '2026-11-22T10:01:00.000Z',
  });

  it('writes every field on its own line, user text verbatim, then the log', () => {
    const report = buildErrorReport({ task: failed, logs: logLines(2), appVersion: '1.2.3', userAgent: 'TestAgent/1.0' });
    expect(report.split('\n')).toEqual([
      'Task Center error report',
      'Task ID: task-42',
      'Type: image',
      `Title: Lighthouse ${XSS}`,
      'Status: failed',
      'Stage: inference',
      'Error code: gpu_oom',
      'Message: Out of memory:',
      '  at layer 3',
      'Retryable: yes',
      'Trace ID: tr-9',
      'Attempt: 2',
      'Created: 2026-11-22T10:00:00.000Z',
      'Started: 2026-11-22T10:00:05.250Z',
      'Finished: 2026-11-22T10:01:00.000Z',
      'App version: 1.2.3',
      'User agent: TestAgent/1.0',
      '',
      'Last 20 log lines:',
      '2026-11-22T10:00:00.000Z warn [-] line 1',
      '2026-11-22T10:00:01.000Z info [inference] line 2',
    ]);
  });

  it('keeps only the last 20 log lines, oldest of them first', () => {
    const report = buildErrorReport({ task: failed, logs: logLines(25), appVersion: '1', userAgent: 'x' });
    const logPart = report.split('Last 20 log lines:\n')[1]!.split('\n');
    expect(logPart).toHaveLength(20);
    expect(logPart[0]).toMatch(/ line 6$/);
    expect(logPart[19]).toMatch(/ line 25$/);
    expect(report).not.toMatch(/ line 5$/m);
  });

  it('shows "-" for every missing field', () => {
    const task = makeTask({
      id: 'task-7',
      title: '',
      status: 'failed',
      stages: stagesAt(0, 0, 'pending'),
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    const lines = buildErrorReport({ task, logs: [], appVersion: '', userAgent: '' }).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
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
      ]),
    );
    expect(lines.at(-1)).toBe('-');
  });

  it('falls back to the failed stage when the error names none, and says "no" for final errors', () => {
    const task = { ...failed, error: { ...failed.error!, stage: null, traceId: null, retryable: false } };
    const lines = buildErrorReport({ task, logs: [], appVersion: '1', userAgent: 'x' }).split('\n');
    expect(lines).toContain('Stage: inference');
    expect(lines).toContain('Retryable: no');
    expect(lines).toContain('Trace ID: -');
  });
});

describe('formatLogLine', () => {
  it('is "ts level [stage] message" with the message verbatim', () => {
    expect(formatLogLine({ ts: '2026-11-22T10:00:00.000Z', level: 'error', stage: 'upload', message: XSS })).toBe(
      `2026-11-22T10:00:00.000Z error [upload] ${XSS}`,
    );
  });
});
