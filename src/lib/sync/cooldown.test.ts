import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../api/client';
import { Cooldown } from './cooldown';

describe('Cooldown', () => {
  it('is open until held, then counts down', () => {
    const cooldown = new Cooldown();
    expect(cooldown.remaining(1_000)).toBe(0);
    expect(cooldown.coolingUntil(1_000)).toBeNull();
    cooldown.hold(5_000, 1_000);
    expect(cooldown.remaining(1_000)).toBe(5_000);
    expect(cooldown.remaining(4_000)).toBe(2_000);
    expect(cooldown.coolingUntil(4_000)).toBe(6_000);
    expect(cooldown.remaining(6_000)).toBe(0);
    expect(cooldown.coolingUntil(6_000)).toBeNull();
  });

  it('keeps the latest end: a shorter Retry-After never shortens the wait', () => {
    const cooldown = new Cooldown();
    cooldown.hold(30_000, 0);
    cooldown.hold(5_000, 10_000);
    expect(cooldown.remaining(10_000)).toBe(20_000);
    cooldown.hold(30_000, 10_000);
    expect(cooldown.remaining(10_000)).toBe(30_000);
  });

  it('ignores empty and broken waits', () => {
    const cooldown = new Cooldown();
    cooldown.hold(0, 0);
    cooldown.hold(-5, 0);
    cooldown.hold(Number.NaN, 0);
    expect(cooldown.remaining(0)).toBe(0);
  });

  it('tells subscribers when the wait is extended, and only then', () => {
    const cooldown = new Cooldown();
    const listener = vi.fn();
    const unsubscribe = cooldown.subscribe(listener);
    cooldown.hold(10_000, 0);
    cooldown.hold(2_000, 0);
    expect(listener.mock.calls).toEqual([[10_000]]);
    unsubscribe();
    cooldown.hold(20_000, 0);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('is the gate of the API client: after a Retry-After, no request leaves until it ends', async () => {
    let now = 0;
    const cooldown = new Cooldown();
    const fetch = vi.fn(() =>
      Promise.resolve(
        new Response('{"title":"Too many requests","status":429}', {
          status: 429,
          headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    const client = createApiClient({ fetch, gate: cooldown, now: () => now });
    await expect(client.send('/tasks', null)).rejects.toMatchObject({ status: 429, retryAfterMs: 30_000 });
    now = 10_000;
    await expect(client.send('/tasks/1', null)).rejects.toMatchObject({ code: 'cooling_down' });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(cooldown.coolingUntil(now)).toBe(30_000);
  });
});
