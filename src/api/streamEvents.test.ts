/**
 * The push channel's event payloads (contract 1.1): each event name parses to its typed data,
 * bad data is reported as malformed with where it broke, unknown names are told apart.
 */
import { describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { isStreamEventType, parseStreamEvent, STREAM_EVENT_TYPES } from './streamEvents';

const stats = {
  queued: { urgent: 0, high: 1, medium: 2, low: 0 },
  running: 3,
  maxConcurrent: 3,
  paused: false,
  totals: { total: 9, succeeded: 4, failed: 1, canceled: 1 },
  successRate: 0.8,
  meanAttempts: 1.2,
  cost: { total: 1.5, budget: null, currency: 'USD' },
  requests: { lastMinute: 12, limitPerMinute: null },
};

describe('parseStreamEvent', () => {
  it('reads every event of the contract with its id', () => {
    const task = makeTask({ id: 'tsk_1' });
    expect(parseStreamEvent('task', JSON.stringify(task), 'e1.5')).toEqual({ ok: true, event: { type: 'task', id: 'e1.5', data: task } });
    expect(parseStreamEvent('removed', '{"ids":["a","b"]}', 'e1.6')).toEqual({
      ok: true,
      event: { type: 'removed', id: 'e1.6', data: { ids: ['a', 'b'] } },
    });
    expect(parseStreamEvent('reset', '{"reason":"cursor_expired"}', 'e2.0')).toMatchObject({
      ok: true,
      event: { type: 'reset', data: { reason: 'cursor_expired' } },
    });
    expect(parseStreamEvent('heartbeat', '{"serverTime":"2026-03-02T09:00:00.250Z"}', '')).toEqual({
      ok: true,
      event: { type: 'heartbeat', id: null, data: { serverTime: '2026-03-02T09:00:00.250Z' } },
    });
    expect(parseStreamEvent('stats', JSON.stringify(stats), 'e1.7')).toMatchObject({ ok: true, event: { type: 'stats', data: stats } });
  });

  it('strips fields it does not know, as every answer does', () => {
    const parsed = parseStreamEvent('heartbeat', '{"serverTime":"2026-03-02T09:00:00.000Z","load":0.3}');
    expect(parsed).toMatchObject({ ok: true, event: { data: { serverTime: '2026-03-02T09:00:00.000Z' } } });
    expect(parsed.ok && 'load' in parsed.event.data).toBe(false);
  });

  it('reports data that is not JSON or not the contract as malformed, naming where', () => {
    expect(parseStreamEvent('task', '{"id":', 'x')).toMatchObject({ ok: false, reason: 'malformed' });
    const bad = parseStreamEvent('task', JSON.stringify({ ...makeTask(), status: 'exploded' }));
    expect(bad).toMatchObject({ ok: false, reason: 'malformed' });
    expect(!bad.ok && bad.detail).toMatch(/status/);
    expect(parseStreamEvent('removed', '{"ids":"a"}')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseStreamEvent('heartbeat', '{}')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it("names the task of a malformed task event, so the list can keep its last good state", () => {
    const bad = parseStreamEvent('task', JSON.stringify({ ...makeTask({ id: 'tsk_9', version: 12 }), progress: 'lots' }), 'c9');
    expect(bad).toMatchObject({ ok: false, reason: 'malformed', rejected: { id: 'tsk_9', version: 12 } });
    expect(!bad.ok && bad.rejected?.detail).toMatch(/progress/);
  });

  it('tells an unknown event name apart (a newer server may add events)', () => {
    expect(parseStreamEvent('message', '{}')).toMatchObject({ ok: false, reason: 'unknown' });
    expect(STREAM_EVENT_TYPES.every(isStreamEventType)).toBe(true);
    expect(isStreamEventType('progress')).toBe(false);
  });
});
