/**
 * The page: header (connection state, settings), the task list with the submit form, and a side
 * column with details and stats. Every region has its own error boundary; the heavier regions
 * load on demand so the first paint needs only the list.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Toaster } from '../components/toast/Toaster';
import { ConnectionStatus } from '../features/connection/ConnectionStatus';
import { useT } from '../i18n/localeStore';
import { SyncEngineContext } from '../sync/hooks';
import type { AppServices } from './createAppServices';
import { LanguageSwitch, ThemeSwitch } from './HeaderControls';
import { mocksEnabled } from './mocksEnabled';
import { useApplyTheme } from './themeStore';

const TaskDetailsPanel = lazy(() =>
  import('../features/task-details/TaskDetailsPanel').then((m) => ({ default: m.TaskDetailsPanel })),
);

// The task region is its own chunk; main.tsx starts loading its data before the first render, so
// the chunk and the list arrive together (render-as-you-fetch).
const TasksPanel = lazy(() => import('../features/tasks/components/TasksPanel').then((m) => ({ default: m.TasksPanel })));
const CompletionNotifier = lazy(() =>
  import('../features/notifications/CompletionNotifier').then((m) => ({ default: m.CompletionNotifier })),
);
const MarkSeenButton = lazy(() =>
  import('../features/notifications/MarkSeenButton').then((m) => ({ default: m.MarkSeenButton })),
);
const NotificationSettings = lazy(() =>
  import('../features/notifications/NotificationSettings').then((m) => ({ default: m.NotificationSettings })),
);
const StatsPanel = lazy(() => import('../features/stats/StatsPanel').then((m) => ({ default: m.StatsPanel })));
const MockPanel = lazy(() => import('../features/mock-panel/MockPanel').then((m) => ({ default: m.MockPanel })));
const SubmitPanel = lazy(() => import('../features/submit/SubmitPanel').then((m) => ({ default: m.SubmitPanel })));
const OutboxPanel = lazy(() => import('../features/submit/OutboxPanel').then((m) => ({ default: m.OutboxPanel })));

export function App({ services }: { services: AppServices }) {
  return (
    <QueryClientProvider client={services.queryClient}>
      <SyncEngineContext.Provider value={services.engine}>
        <Shell />
      </SyncEngineContext.Provider>
    </QueryClientProvider>
  );
}

function Region({ name, children }: { name: string; children: ReactNode }) {
  return (
    <ErrorBoundary region={name}>
      <Suspense fallback={null}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function Shell() {
  const t = useT();
  useApplyTheme();
  return (
    <>
      <a className="skip-link" href="#task-list">
        {t('app.skipToList')}
      </a>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {mocksEnabled && <span className="badge-mock">{t('app.mockBadge')}</span>}
        <Region name="connection">
          <ConnectionStatus />
        </Region>
        <span className="spacer" />
        <div className="header-controls">
          <Region name="notification-settings">
            <MarkSeenButton />
            <NotificationSettings />
          </Region>
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </header>
      <main className="app-main">
        <div className="column column-main">
          <Region name="tasks">
            <TasksPanel />
          </Region>
        </div>
        <div className="column column-side">
          <Region name="details">
            <TaskDetailsPanel />
          </Region>
          <Region name="submit">
            <SubmitPanel />
          </Region>
          <Region name="outbox">
            <OutboxPanel />
          </Region>
          <Region name="stats">
            <StatsPanel />
          </Region>
          {mocksEnabled && (
            <Region name="mock">
              <MockPanel />
            </Region>
          )}
        </div>
      </main>
      <Toaster />
      <Region name="notifications">
        <CompletionNotifier />
      </Region>
    </>
  );
}
