import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iso, makeTask, stagesAt } from '../../../../test/utils/taskFactory';
import { createTestServices, renderWithServices } from '../../../../test/utils/renderWithServices';
import { applyDelta, emptyMirror } from '../../../lib/taskMirror';
import type { Task } from '../../../api/schemas';
import { EtaInputsContext, type EtaInputs } from './EtaInputs';
import { EtaText, QueuePosition } from './EtaText';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const history = { image: [20_000, 30_000, 40_000, 50_000] };

/** Puts the task through the mirror so its arrival time is recorded, as after a poll. */
function arrived(task: Task): Task {
  return applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, Date.now()).byId.get(task.id)!;
}

/** A task as the server sends it right now (measured at NOW). */
const fresh = (overrides: Partial<Task>) => makeTask({ startedAt: iso(NOW), updatedAt: iso(NOW), ...overrides });

function renderEta(task: Task, inputs: Partial<EtaInputs> = {}) {
  return render(
    <EtaInputsContext.Provider value={{ history, maxConcurrent: 2, staleness: null, ...inputs }}>
      <EtaText task={arrived(task)} />
    </EtaInputsContext.Provider>,
  );
}

const tick = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

describe('EtaText', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it("shows the server's ETA and counts it down every second", () => {
    renderEta(fresh({ eta: { remainingMs: 65_000, source: 'server' } }));
    expect(screen.getByText('1m 5s left')).toBeInTheDocument();
    tick(5_000);
    expect(screen.getByText('1m left')).toBeInTheDocument();
  });

  it('marks its own estimate as an estimate, a range from history', () => {
    renderEta(fresh({ stages: stagesAt(0, 0) }));
    const eta = screen.getByText('~35s–43s left');
    expect(eta).toHaveAttribute('title', 'Estimated from recent tasks of this type');
  });

  it('counts a history-based ETA down every second between updates; it never rises', () => {
    // 45 % done 20 s after the start: calibrated with its own pace, then no news for a while.
    renderEta(fresh({ startedAt: iso(NOW - 20_000), stages: stagesAt(1, 0.5) }));
    const read = () => screen.getByText(/left|almost done/).textContent;
    const seconds = (text: string | null) => {
      const match = /~(?:(\d+)m )?(\d+)s/.exec(text ?? '');
      return match ? Number(match[1] ?? 0) * 60 + Number(match[2]) : 0;
    };
    let previous = seconds(read());
    expect(previous).toBeGreaterThan(10);
    for (let i = 0; i < 30; i++) {
      tick(1_000);
      const now = seconds(read());
      expect(now).toBeLessThanOrEqual(previous);
      previous = now;
    }
    expect(previous).toBe(0);
    expect(read()).toBe('almost done');
  });

  it("gives queued tasks the wait from their queue position and counts it down: 'starts in' does not freeze", () => {
    renderEta(fresh({ status: 'queued', queuePosition: 4, startedAt: null, stages: stagesAt(0, 0, 'pending') }));
    expect(screen.getByText('starts in ~1m 10s')).toBeInTheDocument();
    tick(16_000);
    expect(screen.getByText('starts in ~54s')).toBeInTheDocument();
    tick(60_000);
    expect(screen.getByText('starting soon')).toBeInTheDocument();
  });

  it('says there is no estimate rather than guessing without history', () => {
    renderEta(fresh({ type: 'video' }));
    expect(screen.getByText('no estimate yet')).toBeInTheDocument();
  });

  it('freezes and greys the ETA while data is stale, saying why', () => {
    renderEta(fresh({ eta: { remainingMs: 65_000, source: 'server' } }), {
      staleness: { reason: 'offline', since: NOW },
    });
    tick(10_000);
    expect(screen.getByText(/1m 5s left/)).toHaveClass('eta-stale');
    expect(screen.getByText('(paused)')).toBeInTheDocument();
    expect(screen.getByText(/Not updating: offline/)).toBeInTheDocument();
  });

  it('freezes where it stood when staleness is noticed late: a failure a minute after the last good answer does not raise it', () => {
    const task = arrived(fresh({ eta: { remainingMs: 120_000, source: 'server' } }));
    const view = (staleness: EtaInputs['staleness']) => (
      <EtaInputsContext.Provider value={{ history, maxConcurrent: 2, staleness }}>
        <EtaText task={task} />
      </EtaInputsContext.Provider>
    );
    const { rerender } = render(view(null));
    tick(60_000);
    expect(screen.getByText('1m left')).toBeInTheDocument();
    // The next poll fails now; the data is stale since the last good answer, a minute ago.
    rerender(view({ reason: 'failing', since: NOW }));
    expect(screen.getByText(/1m left/)).toHaveClass('eta-stale');
    tick(10_000);
    expect(screen.getByText(/1m left/)).toHaveClass('eta-stale');
    // Fresh again: it counts on from the real time.
    rerender(view(null));
    expect(screen.getByText('50s left')).toBeInTheDocument();
  });

  it("counts from when the server measured it, on the server's clock: a server 10 min behind changes nothing", () => {
    const services = createTestServices();
    // The server's clock reads NOW − 10 min while ours reads NOW. Taken at face value, the task
    // would have been measured 10 minutes ago and its ETA would be long over.
    services.engine.serverClock.sampleServerTime(iso(NOW - 600_000), NOW - 20, NOW + 20);
    const task = makeTask({ startedAt: iso(NOW - 620_000), updatedAt: iso(NOW - 600_000), eta: { remainingMs: 65_000, source: 'server' } });
    renderWithServices(
      <EtaInputsContext.Provider value={{ history, maxConcurrent: 2, staleness: null }}>
        <EtaText task={arrived(task)} />
      </EtaInputsContext.Provider>,
      { services },
    );
    expect(screen.getByText('1m 5s left')).toBeInTheDocument();
    tick(5_000);
    expect(screen.getByText('1m left')).toBeInTheDocument();
  });
});

describe('QueuePosition', () => {
  it('shows the corrected position when two rows would read the same', () => {
    const task = fresh({ id: 'old3', status: 'queued', queuePosition: 3, startedAt: null });
    render(
      <EtaInputsContext.Provider value={{ history, maxConcurrent: 2, staleness: null, queueCorrections: new Map([['old3', 4]]) }}>
        <QueuePosition task={task} />
      </EtaInputsContext.Provider>,
    );
    expect(screen.getByText('#4 in queue')).toBeInTheDocument();
  });
});
