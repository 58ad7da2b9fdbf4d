import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { fetchStats, fetchTaskTypes } from '../src/api/endpoints';
import { mockConfigSchema } from '../src/api/mockConfig';
import { problemSchema } from '../src/api/schemas';
import { DEFAULT_MOCK_CONFIG } from './engine/config';
import { imageBody, setupMockServer } from './serverTestSupport';

const { api, send, engine, later, client } = setupMockServer();

async function problem(response: Response) {
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return problemSchema.parse(await response.json());
}

describe('rate limit', () => {
  it('answers 429 rate_limited past rateLimitPerMinute, with Retry-After until a slot frees', async () => {
    engine.updateConfig({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await api('/stats')).status).toBe(200);
      later(10_000);
    }
    const limited = await api('/stats');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('30');
    expect(await problem(limited)).toMatchObject({ code: 'rate_limited', retryable: true });
    later(29_000);
    expect((await api('/stats')).headers.get('Retry-After')).toBe('1');
    later(1_000);
    const ok = await fetchStats(client);
    expect(ok.requests).toEqual({ lastMinute: 3, limitPerMinute: 3 });
  });

  it('does not limit the mock controls', async () => {
    engine.updateConfig({ rateLimitPerMinute: 1 });
    await api('/stats');
    expect((await api('/stats')).status).toBe(429);
    expect((await api('/_mock/config')).status).toBe(200);
  });
});

describe('injected faults', () => {
  it('503 and 429 carry Retry-After = retryAfterSeconds', async () => {
    engine.updateConfig({ faults: { http503: 1 }, retryAfterSeconds: 7 });
    const unavailable = await api('/tasks');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('Retry-After')).toBe('7');
    expect(unavailable.headers.get('X-Trace-Id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await problem(unavailable)).toMatchObject({ code: 'unavailable', status: 503, retryable: true });

    engine.updateConfig({ faults: { http503: 0, http429: 1 } });
    const throttled = await api('/tasks');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('Retry-After')).toBe('7');
  });

  it('500 is a problem too, and a faulted POST creates nothing', async () => {
    engine.updateConfig({ faults: { http500: 1 } });
    const response = await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'x' });
    expect(response.status).toBe(500);
    const body = await problem(response);
    expect(body).toMatchObject({ code: 'internal_error', retryable: true });
    expect(body.traceId).toBe(response.headers.get('X-Trace-Id'));
    expect(engine.stats().totals.total).toBe(0);
  });

  it('network faults reject the fetch', async () => {
    engine.updateConfig({ faults: { network: 1 } });
    await expect(api('/tasks')).rejects.toThrow(TypeError);
    await expect(fetchTaskTypes(client)).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('malformed answers are 200 with broken JSON; the client reports kind "malformed"', async () => {
    engine.updateConfig({ faults: { malformed: 1 } });
    const response = await api('/tasks');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    const error = await fetchStats(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'malformed', retryable: true });
  });

  it('draws faults by their shares', async () => {
    engine.updateConfig({ faults: { http500: 0.5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await api('/stats')).status);
    const failed = statuses.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
  });
});

describe('outage spell', () => {
  it('answers every API request with 503 and the remaining seconds, then recovers', async () => {
    const start = await send('POST', '/_mock/outage', { seconds: 30 });
    expect(start.status).toBe(200);
    expect(await start.json()).toMatchObject({ seconds: 30 });
    later(10_000);
    const down = await api('/tasks');
    expect(down.status).toBe(503);
    expect(down.headers.get('Retry-After')).toBe('20');
    expect(await problem(down)).toMatchObject({ code: 'unavailable' });
    expect((await api('/_mock/config')).status).toBe(200);
    later(20_000);
    expect((await api('/tasks')).status).toBe(200);
    expect((await send('POST', '/_mock/outage', { seconds: -1 })).status).toBe(400);
  });
});

describe('/_mock/config', () => {
  it('merges any subset, partial faults included', async () => {
    const response = await send('PUT', '/_mock/config', { faults: { http429: 0.2 }, timeScale: 10 });
    expect(response.status).toBe(200);
    const config = mockConfigSchema.parse(await response.json());
    expect(config.faults).toEqual({ http500: 0, http503: 0, http429: 0.2, network: 0, malformed: 0 });
    expect(config.timeScale).toBe(10);
    expect(mockConfigSchema.parse(await (await api('/_mock/config')).json())).toEqual(config);
  });

  it('rejects invalid values and unknown fields with 400', async () => {
    for (const body of [{ taskFailureRate: 2 }, { maxConcurrent: 0 }, { timeScale: 0 }, { faults: { http500: -1 } }, { colour: 'red' }, [1]]) {
      const response = await send('PUT', '/_mock/config', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await problem(response)).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('reset empties the engine and restores the start config', async () => {
    await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'before-reset' });
    await send('PUT', '/_mock/config', { maxConcurrent: 9 });
    const reset = await send('POST', '/_mock/reset');
    expect(reset.status).toBe(200);
    expect(engine.stats().totals.total).toBe(0);
    expect(engine.config().maxConcurrent).toBe(DEFAULT_MOCK_CONFIG.maxConcurrent);
    const replay = await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'before-reset' });
    expect(replay.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('/_mock/seed creates tasks in the given states', async () => {
    const response = await send('POST', '/_mock/seed', { count: 40, statuses: ['running', 'queued'], types: ['video'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 40 });
    const stats = engine.stats();
    expect(stats.totals.total).toBe(40);
    expect(stats.running + Object.values(stats.queued).reduce((a, b) => a + b, 0)).toBe(40);
    expect((await send('POST', '/_mock/seed', { count: -1 })).status).toBe(400);
  });

  it('is also reachable at the root as /_mock/…', async () => {
    const response = await fetch('http://localhost/_mock/config');
    expect(response.status).toBe(200);
  });
});
