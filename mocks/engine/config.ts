/**
 * The mock's chaos controls (`/_mock/config`): defaults and the merge of a partial update.
 * The shape is `mockConfigSchema` from src/api/mockConfig.ts, shared with the demo's mock panel.
 */
import {
  mockConfigPatchSchema,
  mockConfigSchema,
  type MockConfig,
  type MockConfigPatch,
} from '../../src/api/mockConfig';
import { ProblemError } from './problems';

export const DEFAULT_MOCK_CONFIG: MockConfig = {
  latencyMs: 150,
  latencyJitterMs: 100,
  faults: { http500: 0, http503: 0, http429: 0, network: 0, malformed: 0 },
  retryAfterSeconds: 5,
  taskFailureRate: 0.1,
  timeScale: 1,
  maxConcurrent: 3,
  rateLimitPerMinute: null,
  budget: null,
  push: 'on',
  heartbeatSeconds: 15,
  clockSkewMs: 0,
};

export function defaultConfig(): MockConfig {
  return { ...DEFAULT_MOCK_CONFIG, faults: { ...DEFAULT_MOCK_CONFIG.faults } };
}

/**
 * `current` with `patch` applied (any subset, `faults` merged member by member). Throws a 400
 * `validation_failed` naming the first bad field; unknown fields are rejected too, so a typo in a
 * test does not pass silently.
 */
export function mergeConfig(current: MockConfig, patch: unknown): MockConfig {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new ProblemError('validation_failed', 'The body must be a JSON object of config fields');
  }
  const known = new Set(Object.keys(current));
  const unknown = Object.keys(patch).find((key) => !known.has(key));
  if (unknown) throw new ProblemError('validation_failed', `${unknown}: unknown config field`);
  const faults: unknown = (patch as Record<string, unknown>).faults;
  if (faults && typeof faults === 'object') {
    const unknownFault = Object.keys(faults).find((key) => !(key in current.faults));
    if (unknownFault) throw new ProblemError('validation_failed', `faults.${unknownFault}: unknown fault`);
  }
  const parsed = mockConfigPatchSchema.safeParse(patch);
  if (!parsed.success) throw configProblem(parsed.error.issues);
  const update: MockConfigPatch = parsed.data;
  const merged = { ...current, ...update, faults: { ...current.faults, ...update.faults } };
  const checked = mockConfigSchema.safeParse(merged);
  if (!checked.success) throw configProblem(checked.error.issues);
  return checked.data;
}

function configProblem(issues: readonly { path: PropertyKey[]; message: string }[]): ProblemError {
  const issue = issues[0];
  const field = issue ? issue.path.map(String).join('.') || '(body)' : '(body)';
  return new ProblemError('validation_failed', `${field}: ${issue?.message ?? 'invalid value'}`);
}
