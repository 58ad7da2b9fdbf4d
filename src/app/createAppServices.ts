/**
 * Builds the app's long-lived services once: the API client with the shared Retry-After
 * cool-down, the query client with the retry policy of src/lib/sync, and the sync engine.
 * Tests build their own with other options (a fake tab coordinator, an absolute base URL).
 */
import { QueryClient } from '@tanstack/react-query';
import { createApiClient, type ApiClient } from '../api/client';
import { toApiError } from '../api/errors';
import { mulberry32 } from '../lib/random';
import { backoffDelay } from '../lib/sync/backoff';
import { DEFAULT_SYNC_CONFIG } from '../lib/sync/config';
import { ServerClock } from '../lib/serverClock';
import { Cooldown } from '../lib/sync/cooldown';
import type { EventSourceFactory } from '../sync/pushChannel';
import { sampleAnswerDate } from '../sync/serverTime';
import { SyncEngine, type EngineConfig, type RuntimeModule } from '../sync/syncEngine';
import type { TabCoordinator } from '../sync/tabCoordinator';

export interface AppServices {
  queryClient: QueryClient;
  client: ApiClient;
  cooldown: Cooldown;
  engine: SyncEngine;
}

export interface AppServicesOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  config?: Partial<EngineConfig>;
  coordinator?: TabCoordinator;
  /** the push channel's EventSource; null turns push off (the browser's by default) */
  createEventSource?: EventSourceFactory | null;
  loadRuntime?: () => Promise<RuntimeModule>;
}

/** Reads for the other queries (task types, logs, results): the same classes and caps. */
export function createQueryClient(): QueryClient {
  const random = mulberry32(Date.now() >>> 0);
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          const apiError = toApiError(error);
          return apiError.retryable && failureCount < DEFAULT_SYNC_CONFIG.serverRetries;
        },
        retryDelay: (failureCount, error) =>
          Math.max(toApiError(error).retryAfterMs ?? 0, backoffDelay(failureCount - 1, random, DEFAULT_SYNC_CONFIG)),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const cooldown = new Cooldown();
  // The server's clock, sampled by every answer's Date header here and by the list's serverTime
  // and the stream's heartbeats in the sync engine.
  const serverClock = new ServerClock();
  const client = createApiClient({
    baseUrl: options.baseUrl ?? import.meta.env.VITE_API_BASE_URL,
    fetch: options.fetch,
    gate: cooldown,
    onResponse: sampleAnswerDate(serverClock),
  });
  const queryClient = createQueryClient();
  const engine = new SyncEngine({
    queryClient,
    client,
    cooldown,
    serverClock,
    config: options.config,
    coordinator: options.coordinator,
    createEventSource: options.createEventSource,
    loadRuntime: options.loadRuntime,
  });
  return { queryClient, client, cooldown, engine };
}
