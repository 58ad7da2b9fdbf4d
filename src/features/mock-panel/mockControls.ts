/**
 * The mock backend's control routes (contract "Mock-only controls"), with the query factory of the
 * current config. Demo-only: nothing outside the mock panel calls these.
 */
import { queryOptions } from '@tanstack/react-query';
import { createApiClient, type ApiClient } from '../../api/client';
import * as z from 'zod/mini';
import { mockConfigSchema, type MockConfigPatch } from '../../api/mockConfig';

const droppedSchema = z.object({ dropped: z.int().check(z.minimum(0)) });

export const OUTAGE_SECONDS = 30;

/**
 * A client for the control routes on the app's base URL, but without the app's Retry-After gate:
 * with injected 429s the app is often cooling down, and that must not block the very Apply that
 * turns the 429s off. The mock never injects faults into its own control routes.
 */
export function createControlClient(appClient: ApiClient): ApiClient {
  return createApiClient({ baseUrl: appClient.baseUrl });
}

export const mockQueryKeys = { config: ['mock', 'config'] as const };

export function mockConfigQuery(client: ApiClient) {
  return queryOptions({
    queryKey: mockQueryKeys.config,
    queryFn: ({ signal }) => client.json('/_mock/config', mockConfigSchema, { signal }),
    staleTime: 30_000,
  });
}

export function updateMockConfig(client: ApiClient, patch: MockConfigPatch) {
  return client.json('/_mock/config', mockConfigSchema, { method: 'PUT', body: patch });
}

export async function startMockOutage(client: ApiClient, seconds = OUTAGE_SECONDS): Promise<void> {
  await client.send('/_mock/outage', null, { method: 'POST', body: { seconds } });
}

/** Closes every open event stream of the mock (`POST /_mock/events/drop`); how many there were. */
export async function dropMockStreams(client: ApiClient): Promise<number> {
  const answer = await client.json('/_mock/events/drop', droppedSchema, { method: 'POST' });
  return answer.dropped;
}

export async function resetMock(client: ApiClient): Promise<void> {
  await client.send('/_mock/reset', null, { method: 'POST' });
}
