/**
 * Identifiers: task ids, trace ids and worker names. A task id carries a counter that never
 * repeats (it survives `/_mock/reset`), so an id reported in `removed` is never reused.
 */
import type { Random } from './random';

/** `tsk_` + the counter in base 36 + four random characters: opaque, unique, URL-safe. */
export function taskId(counter: number, random: Random): string {
  const suffix = Math.floor(random.next() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `tsk_${counter.toString(36).padStart(5, '0')}${suffix}`;
}

/** A W3C trace-context style trace id: 32 lower-case hex digits. */
export function traceId(random: Random): string {
  return random.hex(32);
}

const POOLS = ['gpu-l4', 'gpu-a10g', 'gpu-l40s'] as const;

/** A worker host name like `gpu-l4-07`. */
export function workerName(random: Random): string {
  return `${random.pick(POOLS)}-${String(random.int(1, 24)).padStart(2, '0')}`;
}
