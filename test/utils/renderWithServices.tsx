/**
 * Renders UI inside the app's providers with services built for tests: the API client points at
 * the MSW node server's origin, tabs do not coordinate (this tab is its own leader), and the sync
 * engine starts only when a test asks for it.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../src/app/createAppServices';
import { SyncEngineContext } from '../../src/sync/hooks';
import * as runtime from '../../src/sync/syncRuntime';
import { createTabCoordinator } from '../../src/sync/tabCoordinator';

export const TEST_BASE_URL = 'http://localhost/api/v1';

export function createTestServices(options: AppServicesOptions = {}): AppServices {
  const services = createAppServices({
    baseUrl: TEST_BASE_URL,
    coordinator: createTabCoordinator({ locks: undefined, createChannel: undefined }),
    // The runtime module itself, not a dynamic import: tests run on fake timers.
    loadRuntime: () => Promise.resolve(runtime),
    ...options,
  });
  // Tests want failures now, not after the app's retries.
  services.queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return services;
}

export interface RenderWithServicesOptions {
  services?: AppServices;
  /** start the sync engine (polling, outbox, listeners); stopped by the returned `cleanup` */
  startEngine?: boolean;
}

export function renderWithServices(
  ui: ReactElement,
  options: RenderWithServicesOptions = {},
): RenderResult & { services: AppServices; user: ReturnType<typeof userEvent.setup> } {
  const services = options.services ?? createTestServices();
  if (options.startEngine) services.engine.start();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={services.queryClient}>
      <SyncEngineContext.Provider value={services.engine}>{children}</SyncEngineContext.Provider>
    </QueryClientProvider>
  );
  const result = render(ui, { wrapper });
  const unmount = result.unmount;
  return {
    ...result,
    unmount: () => {
      unmount();
      services.engine.stop();
      services.queryClient.clear();
    },
    services,
    user: userEvent.setup(),
  };
}
