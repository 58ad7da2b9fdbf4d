import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iso, makeTask } from '../../../../test/utils/taskFactory';
import type { Stage, Task } from '../../../api/schemas';
import { applyDelta, emptyMirror } from '../../../lib/taskMirror';
import type { Staleness } from '../../../sync/staleness';
import { EtaInputsContext } from './EtaInputs';
import { TaskPercent, TaskStageBar } from './TaskProgress';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const WEIGHTS = [10, 70, 15, 5];

/** A video task 60 s into inference (which had done 20 % of itself), measured now. */
function videoTask(id: string, stageProgress: number, stageIndex = 1, overrides: Partial<Task> = {}): Task {
  const stages: Stage[] = WEIGHTS.map((weight, i) => ({
    key: ['preprocess', 'inference', 'postprocess', 'upload'][i]!,
    label: ['Preprocess', 'Inference', 'Postprocess', 'Upload'][i]!,
    weight,
    status: i < stageIndex ? 'done' : i === stageIndex ? 'running' : 'pending',
    progress: i < stageIndex ? 1 : i === stageIndex ? stageProgress : 0,
    startedAt: i < stageIndex ? iso(NOW - 100_000) : i === stageIndex ? iso(NOW - 60_000) : null,
    finishedAt: i < stageIndex ? iso(NOW - 60_000) : null,
  }));
  const task = makeTask({ id, title: `Video ${id}`, type: 'video', stages, startedAt: iso(NOW - 100_000), updatedAt: iso(Date.now()), ...overrides });
  return applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, Date.now()).byId.get(task.id)!;
}

function ProgressView({ task, staleness = null }: { task: Task; staleness?: Staleness | null }) {
  return (
    <EtaInputsContext.Provider value={{ history: {}, maxConcurrent: 3, staleness }}>
      <TaskStageBar task={task} />
      <TaskPercent task={task} />
    </EtaInputsContext.Provider>
  );
}

const bar = (id: string) => screen.getByRole('progressbar', { name: `Progress of Video ${id}` });
const valueNow = (id: string) => Number(bar(id).getAttribute('aria-valuenow'));
const tick = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

describe('TaskStageBar and TaskPercent', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('moves a running task on every second between updates, never back, marked as an estimate', () => {
    render(<ProgressView task={videoTask('a', 0.2)} />);
    expect(valueNow('a')).toBe(24); // 10 + 70 × 0.2
    expect(screen.getByText('24%')).toBeInTheDocument();
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      tick(1_000);
      seen.push(Number(bar('a').getAttribute('aria-valuenow')));
    }
    // Inference runs at 20 % per minute of itself: 70 % × 1/300 a second, +7 points in 30 s.
    expect(seen[seen.length - 1]).toBe(31);
    expect(seen.every((value, i) => i === 0 || value >= seen[i - 1]!)).toBe(true);
    expect(new Set(seen).size).toBeGreaterThanOrEqual(7);
    expect(bar('a')).toHaveAttribute('aria-valuetext', expect.stringMatching(/^about 31%, estimated — Inference running/));
    expect(screen.getByText('~31%')).toHaveAttribute('title', "Estimated from this task's pace since the last update");
  });

  it('holds where it was when an update brings less than was extrapolated, then moves on', () => {
    const { rerender } = render(<ProgressView task={videoTask('b', 0.2)} />);
    tick(30_000);
    expect(valueNow('b')).toBe(31);
    // The update says inference is at 25 % only (slower than extrapolated): 27.5 % overall.
    rerender(<ProgressView task={videoTask('b', 0.25, 1, { version: 2, updatedAt: iso(Date.now()) })} />);
    expect(valueNow('b')).toBe(31);
    tick(5_000);
    expect(valueNow('b')).toBe(31);
    tick(120_000);
    expect(valueNow('b')).toBeGreaterThan(31);
  });

  it('stops at the end of the running stage and never shows 100 % before the server does', () => {
    render(<ProgressView task={videoTask('c', 0.9, 3)} />);
    tick(3_600_000);
    expect(valueNow('c')).toBe(99);
    expect(screen.getByText('~99%')).toBeInTheDocument();
  });

  it('freezes and greys while data is stale, saying why', () => {
    const task = videoTask('d', 0.2);
    const { rerender } = render(<ProgressView task={task} />);
    tick(10_000);
    const frozen = valueNow('d');
    rerender(<ProgressView task={task} staleness={{ reason: 'offline', since: NOW + 10_000 }} />);
    tick(60_000);
    expect(valueNow('d')).toBe(frozen);
    expect(bar('d')).toHaveClass('is-stale');
    expect(bar('d')).toHaveAttribute('aria-valuetext', expect.stringContaining('Not updating: offline'));
    expect(screen.getByText(`~${frozen}%`)).toHaveAttribute('title', 'Not updating: offline');
  });

  it('leaves a queued or finished task at what the server said', () => {
    const queued = videoTask('e', 0, 0, { status: 'queued', queuePosition: 2 });
    render(<ProgressView task={{ ...queued, stages: queued.stages.map((s) => ({ ...s, status: 'pending' as const })) }} />);
    tick(60_000);
    expect(valueNow('e')).toBe(0);
    expect(screen.getByText('0%')).toBeInTheDocument();
  });
});
