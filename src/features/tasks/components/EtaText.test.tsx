import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iso, makeTask, stagesAt } from '../../../../test/utils/taskFactory';
import { applyDelta, emptyMirror } from '../../../lib/taskMirror';
import type { Task } from '../../../api/schemas';
import { EtaInputsContext, type EtaInputs } from './EtaInputs';
import { EtaText } from './EtaText';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const history = { image: [20_000, 30_000, 40_000, 50_000] };

/** Puts the task through the mirror so its arrival time is recorded, as after a poll. */
function arrived(task: Task): Task {
  return applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, Date.now()).byId.get(task.id)!;
}

function renderEta(task: Task, inputs: Partial<EtaInputs> = {}) {
  return render(
    <EtaInputsContext.Provider value={{ history, maxConcurrent: 2, staleness: null, ...inputs }}>
      <EtaText task={arrived(task)} />
    </EtaInputsContext.Provider>,
  );
}

describe('EtaText', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it("shows the server's ETA and counts it down every second", () => {
    renderEta(makeTask({ eta: { remainingMs: 65_000, source: 'server' } }));
    expect(screen.getByText('1m 5s left')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(screen.getByText('1m left')).toBeInTheDocument();
  });

  it('marks its own estimate as an estimate, a range from history', () => {
    renderEta(makeTask({ stages: stagesAt(0, 0), startedAt: iso(NOW) }));
    const eta = screen.getByText('~35s–43s left');
    expect(eta).toHaveAttribute('title', 'Estimated from recent tasks of this type');
  });

  it('gives queued tasks the wait from their queue position', () => {
    renderEta(makeTask({ status: 'queued', queuePosition: 4, startedAt: null, stages: stagesAt(0, 0, 'pending') }));
    expect(screen.getByText('starts in ~1m 10s')).toBeInTheDocument();
  });

  it('says there is no estimate rather than guessing without history', () => {
    renderEta(makeTask({ type: 'video' }));
    expect(screen.getByText('no estimate yet')).toBeInTheDocument();
  });

  it('freezes and greys the ETA while data is stale, saying why', () => {
    renderEta(makeTask({ eta: { remainingMs: 65_000, source: 'server' } }), {
      staleness: { reason: 'offline', since: NOW },
    });
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(screen.getByText(/1m 5s left/)).toHaveClass('eta-stale');
    expect(screen.getByText('(paused)')).toBeInTheDocument();
    expect(screen.getByText(/Not updating: offline/)).toBeInTheDocument();
  });
});
