import { beforeEach, describe, expect, it } from 'vitest';
import { iso, makeTask, stagesAt, T0 } from '../../test/utils/taskFactory';
import { fixedTimeline } from '../lib/serverClock';
import { applyDelta, emptyMirror } from '../lib/taskMirror';
import { useCompletionsStore } from './completionsStore';
import { useEtaAccuracyStore } from './etaAccuracyStore';
import { noteCompletions, notePredictions, noteRemovals } from './watchers';

beforeEach(() => {
  useCompletionsStore.setState({ completions: [] });
  useEtaAccuracyStore.setState({ predictions: {}, errors: [] });
});

const SAME = fixedTimeline(0);
const mirrorOf = (...tasks: ReturnType<typeof makeTask>[]) => applyDelta(emptyMirror(), { items: tasks, cursor: 'c' }, T0);

describe('noteCompletions', () => {
  it('records a task this client watched go from running to finished', () => {
    const running = makeTask({ id: 'a', status: 'running' });
    noteCompletions(mirrorOf(running), [{ ...running, status: 'succeeded', version: 99 }], T0, T0, SAME);
    expect(useCompletionsStore.getState().completions).toMatchObject([{ id: 'a', status: 'succeeded', seen: false }]);
  });

  it('ignores tasks that were already finished when first seen long ago', () => {
    const old = makeTask({ id: 'b', status: 'failed', createdAt: iso(T0 - 3_600_000) });
    noteCompletions(mirrorOf(), [old], T0, T0, SAME);
    expect(useCompletionsStore.getState().completions).toEqual([]);
  });

  it('withdraws the completion of a task that runs again after a retry', () => {
    const running = makeTask({ id: 'c', status: 'running' });
    const failed = { ...running, status: 'failed' as const, version: 50 };
    noteCompletions(mirrorOf(running), [failed], T0, T0, SAME);
    expect(useCompletionsStore.getState().completions).toHaveLength(1);
    noteCompletions(mirrorOf(failed), [{ ...failed, status: 'queued', attempt: 2, version: 51 }], T0 + 5_000, T0, SAME);
    expect(useCompletionsStore.getState().completions).toEqual([]);
  });
});

describe('noteCompletions and automatic retries', () => {
  const failing = (attempt: number, retryable: boolean) => {
    const running = makeTask({ id: `f${attempt}${retryable}`, status: 'running', attempt });
    const error = { code: retryable ? 'gpu_oom' : 'content_policy', message: 'x', retryable, stage: 'inference', traceId: null };
    return { running, failed: { ...running, status: 'failed' as const, error, finishedAt: iso(T0), version: 77 } };
  };

  it('does not announce a failure the app will retry by itself', () => {
    const { running, failed } = failing(1, true);
    noteCompletions(mirrorOf(running), [failed], T0, T0, SAME);
    expect(useCompletionsStore.getState().completions).toEqual([]);
  });

  it('announces the final failure: a final error, or the last automatic attempt', () => {
    const final = failing(1, false);
    noteCompletions(mirrorOf(final.running), [final.failed], T0, T0, SAME);
    const last = failing(3, true);
    noteCompletions(mirrorOf(last.running), [last.failed], T0, T0, SAME);
    expect(useCompletionsStore.getState().completions.map((c) => c.id).sort()).toEqual([final.failed.id, last.failed.id].sort());
  });
});

describe('noteRemovals', () => {
  const finish = (id: string) => {
    const running = makeTask({ id, status: 'running' });
    noteCompletions(mirrorOf(running), [{ ...running, status: 'succeeded', version: 99 }], T0, T0, SAME);
  };

  it('withdraws the completion of a task that left the list', () => {
    finish('gone');
    finish('kept');
    noteRemovals(mirrorOf(), ['gone'], false);
    expect(useCompletionsStore.getState().completions.map((c) => c.id)).toEqual(['kept']);
  });

  it('after a full load, withdraws every completion whose task the list does not hold', () => {
    finish('from-before-the-reload');
    finish('still-there');
    noteRemovals(mirrorOf(makeTask({ id: 'still-there', status: 'succeeded' })), [], true);
    expect(useCompletionsStore.getState().completions.map((c) => c.id)).toEqual(['still-there']);
  });
});

describe('notePredictions', () => {
  it('writes down the ETA shown once a task passes a third of its work, and scores it at the end', () => {
    const history = { image: [30_000, 30_000, 30_000] };
    const task = makeTask({ id: 'p', startedAt: iso(T0), updatedAt: iso(T0 + 13_500), stages: stagesAt(1, 0.5) }); // 45 %
    const seen = applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, T0 + 13_500);
    notePredictions(seen, [task], T0 + 13_500, () => history, SAME);
    const prediction = useEtaAccuracyStore.getState().predictions.p;
    expect(prediction?.predictedEndAt).toBeGreaterThan(T0 + 13_500);

    const done = { ...task, status: 'succeeded' as const, finishedAt: iso(T0 + 30_000), version: task.version + 1 };
    noteCompletions(mirrorOf(task), [done], T0 + 31_000, T0, SAME);
    expect(useEtaAccuracyStore.getState().errors).toHaveLength(1);
    expect(useEtaAccuracyStore.getState().errors[0]).toBeLessThan(0.2);
  });

  it('scores the ETA on the server clock: a server 2 min ahead does not read "627 %"', () => {
    const AHEAD = 120_000;
    const history = { image: [30_000, 30_000, 30_000] };
    const S0 = T0 + AHEAD; // the server's clock at the client's T0
    const task = makeTask({ id: 's', startedAt: iso(S0), updatedAt: iso(S0 + 13_500), stages: stagesAt(1, 0.5) });
    const seen = applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, T0 + 13_600);
    notePredictions(seen, [task], T0 + 13_600, () => history, fixedTimeline(AHEAD));
    const done = { ...task, status: 'succeeded' as const, finishedAt: iso(S0 + 30_000), version: task.version + 1 };
    noteCompletions(seen, [done], T0 + 31_000, T0, fixedTimeline(AHEAD));
    expect(useEtaAccuracyStore.getState().errors[0]).toBeLessThan(0.2);
  });

  it('does not guess before a third of the work, nor without history', () => {
    const early = makeTask({ id: 'q', startedAt: iso(T0), stages: stagesAt(1, 0.1) });
    notePredictions(mirrorOf(early), [early], T0, () => ({ image: [30_000, 30_000, 30_000] }), SAME);
    const unknown = makeTask({ id: 'r', type: 'video', startedAt: iso(T0), stages: stagesAt(2, 0.5) });
    notePredictions(mirrorOf(unknown), [unknown], T0, () => ({}), SAME);
    expect(useEtaAccuracyStore.getState().predictions).toEqual({});
  });
});
