/**
 * Schema of the mock backend's chaos controls (`/_mock/config`, contract "Mock-only controls").
 * Shared by the mock engine (mocks/) and the demo's mock panel; production code never calls it.
 */
import * as z from 'zod/mini';
import { taskStatusSchema } from './schemas';

const share = z.number().check(z.minimum(0), z.maximum(1));

export const mockFaultsSchema = z.object({
  http500: share,
  http503: share,
  http429: share,
  network: share,
  malformed: share,
});

/** Contract 1.1: what `GET /events` does. `buffered` opens the stream but holds every event. */
export const PUSH_MODES = ['on', 'off', 'buffered'] as const;
/** A week either way: enough for any clock a test wants to skew, small enough to stay sane. */
export const MAX_CLOCK_SKEW_MS = 7 * 24 * 60 * 60 * 1000;

export const mockConfigSchema = z.object({
  latencyMs: z.number().check(z.minimum(0)),
  latencyJitterMs: z.number().check(z.minimum(0)),
  faults: mockFaultsSchema,
  retryAfterSeconds: z.number().check(z.minimum(0)),
  taskFailureRate: share,
  timeScale: z.number().check(z.positive()),
  maxConcurrent: z.int().check(z.minimum(1)),
  rateLimitPerMinute: z.nullable(z.int().check(z.minimum(1))),
  budget: z.nullable(z.number().check(z.minimum(0))),
  /** `GET /events`: `on`, `off` (404) or `buffered` (opens, never delivers) */
  push: z.enum(PUSH_MODES),
  /** seconds between two `heartbeat` events of a stream */
  heartbeatSeconds: z.number().check(z.minimum(0.1), z.maximum(3600)),
  /** how far the mock's clock runs ahead (negative: behind) in every timestamp it sends */
  clockSkewMs: z.int().check(z.minimum(-MAX_CLOCK_SKEW_MS), z.maximum(MAX_CLOCK_SKEW_MS)),
});

export const mockConfigPatchSchema = z.partial(
  z.extend(mockConfigSchema, { faults: z.partial(mockFaultsSchema) }),
);

/** `POST /_mock/outage`: every API request answers 503 for `seconds` (0 ends a spell). */
export const mockOutageBodySchema = z.object({ seconds: z.number().check(z.minimum(0), z.maximum(86_400)) });
export const mockOutageAnswerSchema = z.object({ outageUntil: z.nullable(z.string()), seconds: z.number() });

/** `POST /_mock/seed`: creates `count` tasks directly in the given states and types. */
export const mockSeedBodySchema = z.object({
  count: z.int().check(z.minimum(1), z.maximum(50_000)),
  statuses: z.optional(z.array(taskStatusSchema)),
  types: z.optional(z.array(z.string())),
});
export const mockSeedAnswerSchema = z.object({ created: z.int().check(z.minimum(0)) });

/** `POST /_mock/events/drop`: how many open event streams were closed. */
export const mockDropAnswerSchema = z.object({ dropped: z.int().check(z.minimum(0)) });

export type PushMode = (typeof PUSH_MODES)[number];
export type MockFaults = z.infer<typeof mockFaultsSchema>;
export type MockConfig = z.infer<typeof mockConfigSchema>;
export type MockConfigPatch = z.infer<typeof mockConfigPatchSchema>;
