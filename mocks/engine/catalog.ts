/**
 * The task types the mock backend runs (`GET /task-types`): what the submit form shows, how the
 * stages split the work, how long a task takes on average, what one unit costs, and whether the
 * backend reports its own ETA for running tasks of that type.
 */
import type { ParamSpec, TaskType } from '../../src/api/schemas';

export const CURRENCY = 'USD';

/** A task type as the engine sees it: the public spec plus how to simulate it. */
export interface TaskKind {
  spec: TaskType;
  /** mean execution time at timeScale 1 for the default number of units */
  meanDurationMs: number;
  /** whether running tasks of this type carry `eta: { source: 'server' }` */
  sendsEta: boolean;
}

const imagePrompt: ParamSpec = { name: 'prompt', label: 'Prompt', kind: 'text', required: true };

const KINDS: readonly TaskKind[] = [
  {
    meanDurationMs: 30_000,
    sendsEta: true,
    spec: {
      type: 'image',
      label: 'Image generation',
      stages: [
        { key: 'preprocess', label: 'Preprocess', weight: 10 },
        { key: 'inference', label: 'Inference', weight: 70 },
        { key: 'postprocess', label: 'Postprocess', weight: 15 },
        { key: 'upload', label: 'Upload', weight: 5 },
      ],
      params: [
        imagePrompt,
        {
          name: 'size',
          label: 'Size',
          kind: 'select',
          required: false,
          options: ['512x512', '768x768', '1024x1024'],
          default: '1024x1024',
        },
        { name: 'count', label: 'Images', kind: 'number', required: false, min: 1, max: 8, default: 1 },
        { name: 'hd', label: 'HD quality', kind: 'boolean', required: false, default: false },
      ],
      costPerUnit: 0.04,
      unitParam: 'count',
      currency: CURRENCY,
    },
  },
  {
    meanDurationMs: 30_000,
    sendsEta: false,
    spec: {
      type: 'text',
      label: 'Text generation',
      stages: [
        { key: 'tokenize', label: 'Tokenize', weight: 5 },
        { key: 'generate', label: 'Generate', weight: 80 },
        { key: 'moderate', label: 'Moderate', weight: 10 },
        { key: 'deliver', label: 'Deliver', weight: 5 },
      ],
      params: [
        { name: 'prompt', label: 'Prompt', kind: 'text', required: true },
        {
          name: 'model',
          label: 'Model',
          kind: 'select',
          required: false,
          options: [
            { value: 'swift-s', label: 'Swift S (fast)' },
            { value: 'balanced-m', label: 'Balanced M' },
            { value: 'deep-l', label: 'Deep L (best quality)' },
          ],
          default: 'balanced-m',
        },
        { name: 'maxTokens', label: 'Max tokens', kind: 'number', required: false, min: 100, max: 8000, default: 1000 },
      ],
      costPerUnit: 0.02,
      currency: CURRENCY,
    },
  },
  {
    meanDurationMs: 120_000,
    sendsEta: false,
    spec: {
      type: 'analysis',
      label: 'Data analysis',
      stages: [
        { key: 'load', label: 'Load data', weight: 20 },
        { key: 'profile', label: 'Profile', weight: 25 },
        { key: 'model', label: 'Model', weight: 45 },
        { key: 'report', label: 'Report', weight: 10 },
      ],
      params: [
        { name: 'dataset', label: 'Dataset', kind: 'text', required: true },
        { name: 'rows', label: 'Rows', kind: 'number', required: false, min: 1, max: 10_000_000, default: 100_000 },
        {
          name: 'method',
          label: 'Method',
          kind: 'select',
          required: false,
          options: [
            { value: 'descriptive', label: 'Descriptive statistics' },
            { value: 'regression', label: 'Regression' },
            { value: 'clustering', label: 'Clustering' },
            { value: 'anomaly', label: 'Anomaly detection' },
          ],
          default: 'descriptive',
        },
      ],
      costPerUnit: 0.5,
      currency: CURRENCY,
    },
  },
  {
    meanDurationMs: 600_000,
    sendsEta: true,
    spec: {
      type: 'video',
      label: 'Video generation',
      stages: [
        { key: 'preprocess', label: 'Preprocess', weight: 5 },
        { key: 'keyframes', label: 'Keyframes', weight: 25 },
        { key: 'interpolate', label: 'Interpolate', weight: 45 },
        { key: 'encode', label: 'Encode', weight: 20 },
        { key: 'upload', label: 'Upload', weight: 5 },
      ],
      params: [
        { name: 'prompt', label: 'Prompt', kind: 'text', required: true },
        { name: 'durationSec', label: 'Length (s)', kind: 'number', required: false, min: 2, max: 30, default: 8 },
        {
          name: 'resolution',
          label: 'Resolution',
          kind: 'select',
          required: false,
          options: ['480p', '720p', '1080p'],
          default: '720p',
        },
        { name: 'fps', label: 'Frame rate', kind: 'select', required: false, options: ['24', '30', '60'], default: '24' },
      ],
      costPerUnit: 0.25,
      unitParam: 'durationSec',
      currency: CURRENCY,
    },
  },
];

export const TASK_KINDS: ReadonlyMap<string, TaskKind> = new Map(KINDS.map((kind) => [kind.spec.type, kind]));

export function findTaskKind(type: string): TaskKind | undefined {
  return TASK_KINDS.get(type);
}

/** `GET /task-types` items. */
export function listTaskTypes(): TaskType[] {
  return KINDS.map((kind) => kind.spec);
}

/** The submitted params with every missing optional param set to its default. */
export function resolveParams(kind: TaskKind, params: Record<string, unknown>): Record<string, unknown> {
  const resolved: Record<string, unknown> = { ...params };
  for (const spec of kind.spec.params) {
    if (resolved[spec.name] === undefined && spec.default !== undefined) resolved[spec.name] = spec.default;
  }
  return resolved;
}

/** Billable units: the value of the type's `unitParam`, or 1. */
export function unitsOf(kind: TaskKind, params: Record<string, unknown>): number {
  const name = kind.spec.unitParam;
  if (!name) return 1;
  const value = resolveParams(kind, params)[name];
  return typeof value === 'number' && value > 0 ? value : 1;
}

/** The default number of units, against which durations scale. */
export function defaultUnitsOf(kind: TaskKind): number {
  const spec = kind.spec.params.find((param) => param.name === kind.spec.unitParam);
  return typeof spec?.default === 'number' ? spec.default : 1;
}

/** `costPerUnit × units`, what `cost.estimated` says at submit. */
export function estimateCost(kind: TaskKind, params: Record<string, unknown>): number {
  return Math.round(kind.spec.costPerUnit * unitsOf(kind, params) * 10_000) / 10_000;
}

/** The value of a select option (options are plain strings or `{ value, label }`). */
export function optionValue(option: string | { value: string }): string {
  return typeof option === 'string' ? option : option.value;
}
