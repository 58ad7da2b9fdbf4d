/**
 * Schema of the mock backend's chaos controls (`/_mock/config`, contract "Mock-only controls").
 * Shared by the mock engine (mocks/) and the demo's mock panel; production code never calls it.
 */
import * as z from 'zod/mini';

const share = z.number().check(z.minimum(0), z.maximum(1));

export const mockFaultsSchema = z.object({
  http500: share,
  http503: share,
  http429: share,
  network: share,
  malformed: share,
});

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
});

export const mockConfigPatchSchema = z.partial(
  z.extend(mockConfigSchema, { faults: z.partial(mockFaultsSchema) }),
);

export type MockFaults = z.infer<typeof mockFaultsSchema>;
export type MockConfig = z.infer<typeof mockConfigSchema>;
export type MockConfigPatch = z.infer<typeof mockConfigPatchSchema>;
