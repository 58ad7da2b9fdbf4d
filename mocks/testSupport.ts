/**
 * Helpers for the mock's own tests: an engine on a hand-driven clock, and short ways to submit
 * tasks. Not used by the app.
 */
import type { MockConfigPatch } from '../src/api/mockConfig';
import type { Priority, Task } from '../src/api/schemas';
import { TaskEngine, type EngineOptions } from './engine/engine';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** Config for deterministic tests: no latency, no failures. */
export const QUIET: MockConfigPatch = { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 };

export interface ClockedEngine {
  engine: TaskEngine;
  /** milliseconds since T0 */
  elapsed: () => number;
  /** moves the clock forward by `ms` and lets the engine catch up */
  tick: (ms: number) => void;
  /** sets the clock to T0 + `ms` */
  at: (ms: number) => void;
}

export function clockedEngine(config: MockConfigPatch = {}, options: EngineOptions = {}): ClockedEngine {
  let now = T0;
  const engine = new TaskEngine({ seed: 42, ...options, now: () => now, config: { ...QUIET, ...config } });
  return {
    engine,
    elapsed: () => now - T0,
    tick: (ms) => {
      now += ms;
      engine.advance();
    },
    at: (ms) => {
      now = T0 + ms;
      engine.advance();
    },
  };
}

export function submit(engine: TaskEngine, type: string, priority: Priority = 'medium', params?: Record<string, unknown>): Task {
  const defaults: Record<string, Record<string, unknown>> = {
    image: { prompt: 'A lighthouse at dusk' },
    text: { prompt: 'Summarise the meeting notes' },
    analysis: { dataset: 's3://demo/sales.csv' },
    video: { prompt: 'A paper plane over a city' },
  };
  return engine.submitTask({ type, title: `${type} ${priority}`, params: params ?? defaults[type] ?? {}, priority });
}
