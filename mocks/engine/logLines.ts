/**
 * The words of the task logs: what a worker of each task type says when a stage starts, at
 * progress checkpoints inside a stage, and when something looks off. Pure text; the scheduler
 * decides when a line is written.
 */
import type { Random } from './random';

export interface LineContext {
  type: string;
  /** params with defaults filled in */
  params: Record<string, unknown>;
  /** share of the stage done at this line */
  fraction: number;
}

const num = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const pct = (fraction: number) => `${Math.round(fraction * 100)}%`;
const part = (fraction: number, total: number) => Math.max(1, Math.round(fraction * total));
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');

function videoFrames(params: Record<string, unknown>): number {
  return Math.round(num(params.durationSec, 8) * Number(str(params.fps, '24')));
}

/** What a worker logs when a stage begins. */
const STAGE_START: Record<string, (params: Record<string, unknown>) => string> = {
  'image.preprocess': (p) => `Normalising the prompt and loading the text encoder (${str(p.size, '1024x1024')})`,
  'image.inference': (p) => `Sampling ${num(p.count, 1)} image(s), ${p.hd === true ? 50 : 30} steps each`,
  'image.postprocess': () => 'Upscaling and running the safety filter',
  'image.upload': () => 'Uploading images to object storage',
  'text.tokenize': (p) => `Tokenizing the prompt for model ${str(p.model, 'balanced-m')}`,
  'text.generate': (p) => `Generating up to ${grouped(num(p.maxTokens, 1000))} tokens`,
  'text.moderate': () => 'Checking the output against the content policy',
  'text.deliver': () => 'Storing the response',
  'analysis.load': (p) => `Reading ${str(p.dataset, 'dataset')} (${grouped(num(p.rows, 100_000))} rows expected)`,
  'analysis.profile': () => 'Profiling columns: types, ranges, missing values',
  'analysis.model': (p) => `Fitting the ${str(p.method, 'descriptive')} model`,
  'analysis.report': () => 'Writing the report',
  'video.preprocess': (p) =>
    `Planning ${grouped(videoFrames(p))} frames (${num(p.durationSec, 8)} s at ${str(p.fps, '24')} fps, ${str(p.resolution, '720p')})`,
  'video.keyframes': (p) => `Generating ${Math.ceil(num(p.durationSec, 8) * 2)} keyframes`,
  'video.interpolate': () => 'Interpolating between keyframes',
  'video.encode': (p) => `Encoding H.264 at ${str(p.resolution, '720p')}, two passes`,
  'video.upload': () => 'Uploading the video and its poster frame',
};

/** What a worker logs at a progress checkpoint inside a stage. */
const CHECKPOINT: Record<string, (c: LineContext) => string> = {
  'image.preprocess': () => 'Prompt embeddings ready (2 × 77 tokens)',
  'image.inference': ({ params, fraction }) => {
    const steps = params.hd === true ? 50 : 30;
    return `Denoising step ${part(fraction, steps)}/${steps} (DPM++ 2M, guidance 7.0)`;
  },
  'image.postprocess': ({ params, fraction }) => `Upscaled ${part(fraction, num(params.count, 1))}/${num(params.count, 1)} image(s)`,
  'image.upload': ({ fraction }) => `Upload ${pct(fraction)} done`,
  'text.tokenize': ({ params }) => `Prompt is ${Math.min(4096, 24 + str(params.prompt, '').length)} tokens`,
  'text.generate': ({ params, fraction }) => {
    const max = num(params.maxTokens, 1000);
    return `Generated ${grouped(part(fraction, max * 0.8))}/${grouped(max)} tokens`;
  },
  'text.moderate': ({ fraction }) => `Moderation: ${pct(fraction)} of the output checked, highest score 0.04`,
  'text.deliver': () => 'Response written (UTF-8, gzip)',
  'analysis.load': ({ params, fraction }) =>
    `Loaded ${grouped(part(fraction, num(params.rows, 100_000)))}/${grouped(num(params.rows, 100_000))} rows`,
  'analysis.profile': ({ fraction }) => `Profiled ${part(fraction, 18)}/18 columns`,
  'analysis.model': ({ params, fraction }) =>
    `${str(params.method, 'descriptive')}: iteration ${part(fraction, 200)}/200, loss ${(0.9 * (1 - fraction) + 0.08).toFixed(3)}`,
  'analysis.report': ({ fraction }) => `Rendered report section ${part(fraction, 4)}/4`,
  'video.preprocess': () => 'Scene plan ready: 3 shots',
  'video.keyframes': ({ params, fraction }) => {
    const total = Math.ceil(num(params.durationSec, 8) * 2);
    return `Keyframe ${part(fraction, total)}/${total} generated`;
  },
  'video.interpolate': ({ params, fraction }) => {
    const frames = videoFrames(params);
    return `Interpolated ${grouped(part(fraction, frames))}/${grouped(frames)} frames`;
  },
  'video.encode': ({ fraction }) => `Encoding pass ${fraction < 0.5 ? 1 : 2}/2: ${pct(fraction)}`,
  'video.upload': ({ params, fraction }) => {
    const megabytes = Math.round(num(params.durationSec, 8) * 1.8);
    return `Uploaded ${part(fraction, megabytes)}/${megabytes} MB`;
  },
};

const WARNINGS: Record<string, readonly string[]> = {
  image: [
    'GPU memory at 91%; lowering the batch size to 1',
    'Model weights were not cached on this worker; downloaded 6.9 GB first',
    'Safety filter is slow today (1.8 s per image)',
  ],
  video: [
    'GPU memory at 94%; splitting the batch in two',
    'Keyframe 3 drifted from the prompt; regenerated it with a new seed',
    'Object storage is slow (2.4 MB/s); upload may take longer',
  ],
  text: [
    'Generation slowed to 11 tokens/s: the GPU is shared with another job',
    'The output is close to maxTokens and may be cut short',
  ],
  analysis: [
    '12 rows skipped: wrong number of columns',
    'Column "region" has 3.4% missing values; filled with the most common value',
    'The model did not converge in 100 iterations; continuing with a smaller learning rate',
  ],
};

/** Chance that a checkpoint also logs a warning. */
export const WARNING_CHANCE = 0.06;

export function stageStartLine(type: string, stage: string, label: string, params: Record<string, unknown>): string {
  return STAGE_START[`${type}.${stage}`]?.(params) ?? `Stage ${label} started`;
}

export function checkpointLine(stage: string, label: string, context: LineContext): string {
  return CHECKPOINT[`${context.type}.${stage}`]?.(context) ?? `${label}: ${pct(context.fraction)}`;
}

export function warningLine(type: string, random: Random): string | null {
  const pool = WARNINGS[type];
  return pool && pool.length > 0 ? random.pick(pool) : null;
}
