/**
 * The mock controls that reach into the running simulation: a config change (a new timeScale
 * applies from this instant, running tasks keep the work they have done, their ETAs are
 * republished) and pausing the queue. Both move the change sequence, since both change `stats`.
 */
import type { MockConfig } from '../../src/api/mockConfig';
import { fillSlots, kindOf, publishRunning, scheduleNext } from './scheduler';
import { nextVersion, type EngineState } from './state';

export function applyConfig(state: EngineState, next: MockConfig, at: number): void {
  const previous = state.config;
  const rescaled = next.timeScale !== previous.timeScale;
  if (rescaled) {
    for (const taskId of state.running) {
      const run = state.tasks.get(taskId)?.sim.run;
      if (run) {
        run.baseWork += Math.max(0, at - run.baseAt) * previous.timeScale;
        run.baseAt = at;
      }
    }
  }
  state.config = next;
  nextVersion(state);
  if (rescaled) {
    for (const taskId of state.running) {
      const record = state.tasks.get(taskId);
      if (!record) continue;
      scheduleNext(state, record);
      if (kindOf(record).sendsEta) publishRunning(state, record, at);
    }
  }
  fillSlots(state, at);
}

export function setPaused(state: EngineState, paused: boolean, at: number): void {
  if (state.paused === paused) return;
  state.paused = paused;
  nextVersion(state);
  fillSlots(state, at);
}
