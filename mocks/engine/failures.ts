/**
 * What goes wrong with tasks: the error catalog (retryable ones a retry usually fixes, final ones
 * that come from the input and come back on every retry), the roll that decides whether and where
 * an attempt fails, and the `TaskError` and stack-like log lines reported when it does.
 */
import type { TaskError } from '../../src/api/schemas';
import type { TaskKind } from './catalog';
import type { PlannedFailure } from './model';
import { stageStart } from './plan';
import type { Random } from './random';

/** Share of failures that are retryable (the rest are final). */
export const RETRYABLE_SHARE = 0.65;

interface FailureContext {
  type: string;
  stage: string;
  worker: string;
  taskId: string;
  random: Random;
}

interface FailureKind {
  code: string;
  retryable: boolean;
  /** stage keys where this failure happens; null = any stage */
  stages: readonly string[] | null;
  /** the exception a worker would raise, for the stack-like log lines */
  exception: string;
  describe(context: FailureContext): { message: string; details: Record<string, unknown> };
}

const CATALOG: readonly FailureKind[] = [
  {
    code: 'gpu_oom',
    retryable: true,
    stages: ['inference', 'generate', 'keyframes', 'interpolate', 'model', 'encode'],
    exception: 'torch.cuda.OutOfMemoryError',
    describe: ({ random, worker }) => {
      const requested = (random.int(5, 24) / 4).toFixed(2);
      const allocated = (random.between(19, 22.5)).toFixed(2);
      return {
        message: `CUDA out of memory. Tried to allocate ${requested} GiB (GPU 0; 23.69 GiB total capacity; ${allocated} GiB already allocated)`,
        details: { worker, gpu: 'NVIDIA L4', requestedGiB: Number(requested), allocatedGiB: Number(allocated) },
      };
    },
  },
  {
    code: 'worker_lost',
    retryable: true,
    stages: null,
    exception: 'WorkerLostError',
    describe: ({ worker }) => ({
      message: `Worker ${worker} stopped sending heartbeats for 30 s; the attempt was abandoned`,
      details: { worker, silentForMs: 30_000 },
    }),
  },
  {
    code: 'upstream_timeout',
    retryable: true,
    stages: ['upload', 'deliver', 'load', 'report', 'preprocess'],
    exception: 'UpstreamTimeout',
    describe: ({ stage, taskId }) => {
      const upstream = stage === 'load' ? 'dataset store' : stage === 'preprocess' ? 'model gateway' : 'object storage';
      const operation = stage === 'load' ? 'GET' : stage === 'preprocess' ? 'POST' : 'PUT';
      return {
        message: `The ${upstream} did not answer within 30 s (${operation} /${stage === 'load' ? 'datasets' : 'results'}/${taskId})`,
        details: { upstream, timeoutMs: 30_000 },
      };
    },
  },
  {
    code: 'content_policy',
    retryable: false,
    stages: ['moderate', 'postprocess', 'inference', 'keyframes', 'preprocess'],
    exception: 'ContentPolicyViolation',
    describe: ({ random }) => {
      const category = random.pick(['violence', 'trademark', 'personal data', 'adult content']);
      const score = random.between(0.81, 0.99).toFixed(2);
      return {
        message: `The output was blocked by the content policy (category: ${category}, score ${score})`,
        details: { category, score: Number(score), threshold: 0.8 },
      };
    },
  },
  {
    code: 'invalid_input',
    retryable: false,
    stages: ['preprocess', 'tokenize', 'load', 'profile'],
    exception: 'InvalidInputError',
    describe: ({ type, random }) => {
      switch (type) {
        case 'analysis': {
          const bad = random.int(40, 4000);
          return {
            message: `Column "order_date" has ${bad.toLocaleString('en-US')} values that are not dates (expected ISO 8601)`,
            details: { column: 'order_date', invalidValues: bad },
          };
        }
        case 'text':
          return {
            message: 'The prompt and its attachments need 9,214 tokens; the model accepts at most 8,192',
            details: { tokens: 9214, limit: 8192 },
          };
        default:
          return {
            message: 'The prompt needs 412 tokens; the text encoder accepts at most 77',
            details: { tokens: 412, limit: 77 },
          };
      }
    },
  },
];

const BY_CODE = new Map(CATALOG.map((kind) => [kind.code, kind]));

export function isRetryableCode(code: string): boolean {
  return BY_CODE.get(code)?.retryable ?? true;
}

/**
 * Decides how the attempt that starts at stage `fromStage` ends. With `failureRate` it fails at
 * a stage picked by weight, somewhere inside it. A final (non-retryable) error of the previous
 * attempt comes back at the same stage: it comes from the input, which a retry does not change.
 */
export function rollFailure(
  kind: TaskKind,
  plan: readonly number[],
  fromStage: number,
  failureRate: number,
  random: Random,
  previous: { code: string; stage: string | null } | null,
): PlannedFailure | null {
  const stages = kind.spec.stages;
  if (previous && !isRetryableCode(previous.code)) {
    const index = stages.findIndex((stage) => stage.key === previous.stage);
    if (index >= fromStage) return failureAt(plan, index, previous.code, random);
  }
  if (!random.chance(failureRate)) return null;
  const candidates = stages.map((_, index) => index).filter((index) => index >= fromStage);
  if (candidates.length === 0) return null;
  const stageIndex = random.weighted(candidates, (index) => stages[index]?.weight ?? 0);
  const stageKey = stages[stageIndex]?.key ?? '';
  const retryable = random.chance(RETRYABLE_SHARE);
  const fits = (failure: FailureKind) => failure.stages === null || failure.stages.includes(stageKey);
  const pool =
    [CATALOG.filter((failure) => failure.retryable === retryable && fits(failure)), CATALOG.filter(fits)].find(
      (list) => list.length > 0,
    ) ?? CATALOG;
  return failureAt(plan, stageIndex, random.pick(pool).code, random);
}

function failureAt(plan: readonly number[], stageIndex: number, code: string, random: Random): PlannedFailure {
  const fraction = random.between(0.05, 0.95);
  return { stageIndex, code, position: stageStart(plan, stageIndex) + fraction * (plan[stageIndex] ?? 0) };
}

/** The `error` of a task that failed with `failure`, and the log lines that report it. */
export function describeFailure(
  failure: PlannedFailure,
  context: FailureContext & { traceId: string; attempt: number },
): { error: TaskError; logLines: string[] } {
  const kind = BY_CODE.get(failure.code) ?? CATALOG[1];
  if (!kind) throw new Error('The failure catalog is empty');
  const { message, details } = kind.describe(context);
  const error: TaskError = {
    code: kind.code,
    message,
    retryable: kind.retryable,
    stage: context.stage,
    traceId: context.traceId,
    details: { ...details, attempt: context.attempt },
  };
  const line = context.random.int(60, 480);
  const logLines = [
    `${kind.exception}: ${message}`,
    'Traceback (most recent call last):',
    `  File "/srv/worker/pipeline.py", line 142, in run_stage`,
    `  File "/srv/worker/stages/${context.stage}.py", line ${line}, in run`,
    `trace_id=${context.traceId} attempt=${context.attempt} worker=${context.worker} retryable=${kind.retryable}`,
  ];
  return { error, logLines };
}
