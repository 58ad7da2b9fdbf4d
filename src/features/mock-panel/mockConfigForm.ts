/**
 * The mock panel's form without React: which inputs it has (every field of the contract's
 * mock-only controls), the text drafts built from a config, their parsing and checking, and the
 * patch of only the fields that changed — so Apply never resets a value someone else set.
 */
import { MAX_CLOCK_SKEW_MS, PUSH_MODES, type MockConfig, type MockConfigPatch, type MockFaults, type PushMode } from '../../api/mockConfig';
import type { MessageKey } from '../../i18n/i18n';

const FAULTS = ['http500', 'http503', 'http429', 'network', 'malformed'] as const satisfies readonly (keyof MockFaults)[];
type FaultField = `faults.${(typeof FAULTS)[number]}`;
type PlainField = Exclude<keyof MockConfig, 'faults'>;
export type MockField = PlainField | FaultField;
/** A parsed field: a number, null ("none") or the push mode. */
export type MockValue = number | null | PushMode;

export interface MockFieldSpec {
  name: MockField;
  label: MessageKey;
  /** share: 0..1 on a range input; number and integer: a number input from `min`; push: a choice */
  kind: 'share' | 'number' | 'integer' | 'push';
  min: number;
  /** the largest value allowed (Infinity when unbounded; 1 for shares) */
  max?: number;
  step: number;
  /** an empty input means null ("none") */
  nullable?: boolean;
}

export const LATENCY_FIELDS: readonly MockFieldSpec[] = [
  { name: 'latencyMs', label: 'mock.latency', kind: 'number', min: 0, step: 10 },
  { name: 'latencyJitterMs', label: 'mock.jitter', kind: 'number', min: 0, step: 10 },
];

export const FAULT_FIELDS: readonly MockFieldSpec[] = FAULTS.map((fault) => ({
  name: `faults.${fault}` as const,
  label: `mock.fault.${fault}` as const,
  kind: 'share' as const,
  min: 0,
  step: 0.01,
}));

export const OTHER_FIELDS: readonly MockFieldSpec[] = [
  { name: 'retryAfterSeconds', label: 'mock.retryAfter', kind: 'number', min: 0, step: 1 },
  { name: 'taskFailureRate', label: 'mock.failureRate', kind: 'share', min: 0, step: 0.01 },
  { name: 'timeScale', label: 'mock.timeScale', kind: 'number', min: 0.1, step: 0.1 },
  { name: 'maxConcurrent', label: 'mock.concurrency', kind: 'integer', min: 1, step: 1 },
  { name: 'rateLimitPerMinute', label: 'mock.rateLimit', kind: 'integer', min: 1, step: 1, nullable: true },
  { name: 'budget', label: 'mock.budget', kind: 'number', min: 0, step: 0.01, nullable: true },
  { name: 'clockSkewMs', label: 'mock.clockSkew', kind: 'integer', min: -MAX_CLOCK_SKEW_MS, max: MAX_CLOCK_SKEW_MS, step: 1000 },
];

/** Contract 1.1: the push channel's controls. */
export const PUSH_FIELDS: readonly MockFieldSpec[] = [
  { name: 'push', label: 'mock.push', kind: 'push', min: 0, step: 1 },
  { name: 'heartbeatSeconds', label: 'mock.heartbeat', kind: 'number', min: 0.1, max: 3600, step: 1 },
];

export const PUSH_CHOICES: readonly { value: PushMode; label: MessageKey }[] = PUSH_MODES.map((mode) => ({
  value: mode,
  label: `mock.push.${mode}` as const,
}));

export const MOCK_FIELDS: readonly MockFieldSpec[] = [...LATENCY_FIELDS, ...FAULT_FIELDS, ...OTHER_FIELDS, ...PUSH_FIELDS];

export type MockDraft = Record<MockField, string>;

function isFault(name: MockField): name is FaultField {
  return name.startsWith('faults.');
}

function valueOf(config: MockConfig, name: MockField): MockValue {
  return isFault(name) ? config.faults[name.slice('faults.'.length) as keyof MockFaults] : config[name];
}

function isPushMode(text: string): text is PushMode {
  return (PUSH_MODES as readonly string[]).includes(text);
}

export function draftFrom(config: MockConfig): MockDraft {
  const draft = {} as MockDraft;
  for (const spec of MOCK_FIELDS) {
    const value = valueOf(config, spec.name);
    draft[spec.name] = value === null ? '' : String(value);
  }
  return draft;
}

export interface FieldProblem {
  key: 'mock.invalidAtLeast' | 'mock.invalidWhole' | 'mock.invalidBetween';
  min: number;
  max?: number;
}

export type ParsedDraft =
  | { ok: true; values: Record<MockField, MockValue> }
  | { ok: false; problems: Partial<Record<MockField, FieldProblem>> };

export function parseDraft(draft: MockDraft): ParsedDraft {
  const values = {} as Record<MockField, MockValue>;
  const problems: Partial<Record<MockField, FieldProblem>> = {};
  for (const spec of MOCK_FIELDS) {
    const text = draft[spec.name].trim();
    if (spec.kind === 'push') {
      // A select offers only the modes; anything else keeps the mode the server has.
      values[spec.name] = isPushMode(text) ? text : 'on';
      continue;
    }
    if (text === '' && spec.nullable) {
      values[spec.name] = null;
      continue;
    }
    const value = text === '' ? Number.NaN : Number(text);
    const max = spec.kind === 'share' ? 1 : (spec.max ?? Infinity);
    const whole = spec.kind === 'integer';
    if (!Number.isFinite(value) || value < spec.min || value > max || (whole && !Number.isInteger(value))) {
      problems[spec.name] =
        whole && spec.max !== undefined
          ? { key: 'mock.invalidBetween', min: spec.min, max: spec.max }
          : { key: whole ? 'mock.invalidWhole' : 'mock.invalidAtLeast', min: spec.min };
      continue;
    }
    values[spec.name] = value;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** The fields whose value differs from `config`; `faults` only with the faults that changed. */
export function changedFields(config: MockConfig, values: Record<MockField, MockValue>): MockConfigPatch {
  const patch: Record<string, unknown> = {};
  const faults: Partial<MockFaults> = {};
  for (const spec of MOCK_FIELDS) {
    const value = values[spec.name];
    if (value === valueOf(config, spec.name)) continue;
    if (isFault(spec.name)) faults[spec.name.slice('faults.'.length) as keyof MockFaults] = typeof value === 'number' ? value : 0;
    else patch[spec.name] = value;
  }
  if (Object.keys(faults).length > 0) patch.faults = faults;
  return patch;
}
