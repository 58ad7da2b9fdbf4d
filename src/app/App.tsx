/**
 * The page: the header (connection state, settings), the task list, and a side column with the
 * open task's details, the outbox while it holds something, and tabs for the submit form,
 * statistics and the mock's controls. One column below 1,000 px, where the details open as a full-screen sheet instead.
 *
 * Every region has its own error boundary and loads on demand. The task region comes first (its
 * code and data are fetched side by side, see main.tsx); what the first screen does not need
 * waits until the list is there and the browser is idle (useFirstScreenDone).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, useEffect } from 'react';
import { Toaster } from '../components/toast/Toaster';
import { useLocale, useT } from '../i18n/localeStore';
import { SyncEngineContext } from '../sync/hooks';
import { AppHeader } from './AppHeader';
import type { AppServices } from './createAppServices';
import { DetailsSheet } from './DetailsSheet';
import { mocksEnabled } from './mocksEnabled';
import { useOpenTaskId } from '../hooks/navigation';
import { Region } from './Region';
import { useDraftShowsForm } from './useDraftShowsForm';
import { SideTabs } from './SideTabs';
import { useApplyTheme } from './themeStore';
import { useFirstScreenDone } from './useIdle';
import { ONE_COLUMN_QUERY, useMediaQuery } from './useMediaQuery';

const TaskDetailsPanel = lazy(() =>
  import('../features/task-details/TaskDetailsPanel').then((m) => ({ default: m.TaskDetailsPanel })),
);
// The task region is its own chunk; main.tsx starts loading its data before the first render, so
// the chunk and the list arrive together (render-as-you-fetch).
const TasksPanel = lazy(() => import('../features/tasks/components/TasksPanel').then((m) => ({ default: m.TasksPanel })));
const CompletionNotifier = lazy(() =>
  import('../features/notifications/CompletionNotifier').then((m) => ({ default: m.CompletionNotifier })),
);
const StatsPanel = lazy(() => import('../features/stats/StatsPanel').then((m) => ({ default: m.StatsPanel })));
const MockPanel = lazy(() => import('../features/mock-panel/MockPanel').then((m) => ({ default: m.MockPanel })));
const SubmitPanel = lazy(() => import('../features/submit/SubmitPanel').then((m) => ({ default: m.SubmitPanel })));
const OutboxPanel = lazy(() => import('../features/submit/OutboxPanel').then((m) => ({ default: m.OutboxPanel })));

export function App({ services }: { services: AppServices }) {
  return (
    <QueryClientProvider client={services.queryClient}>
      <SyncEngineContext.Provider value={services.engine}>
        <Shell services={services} />
      </SyncEngineContext.Provider>
    </QueryClientProvider>
  );
}

function Shell({ services }: { services: AppServices }) {
  const t = useT();
  const locale = useLocale();
  useApplyTheme();
  useEffect(() => {
    // Only when it changes: even the same value set again restyles the whole page.
    if (document.documentElement.lang !== locale) document.documentElement.lang = locale;
  }, [locale]);
  const oneColumn = useMediaQuery(ONE_COLUMN_QUERY);
  const openTaskId = useOpenTaskId();
  const firstScreenDone = useFirstScreenDone();
  useDraftShowsForm(oneColumn);

  useEffect(() => {
    if (!firstScreenDone) return;
    // Warm what a click will want next: the details, and the queue-depth samples of the stats tab.
    void import('../features/task-details/TaskDetailsPanel');
    void import('../features/stats/queueDepthHistory').then((m) => m.queueDepthSampler(services.queryClient));
  }, [firstScreenDone, services.queryClient]);

  const details = (
    <Region name="details">
      <TaskDetailsPanel />
    </Region>
  );

  return (
    <>
      <a className="skip-link" href="#task-list">
        {t('app.skipToList')}
      </a>
      <AppHeader firstScreenDone={firstScreenDone} />
      <main className="app-main">
        <div className="column column-main">
          <Region name="tasks">
            <TasksPanel />
          </Region>
        </div>
        <div className="column column-side">
          {oneColumn ? (openTaskId !== null && <DetailsSheet>{details}</DetailsSheet>) : (openTaskId !== null || firstScreenDone) && details}
          {firstScreenDone && (
            <Region name="outbox">
              <OutboxPanel />
            </Region>
          )}
          {firstScreenDone ? (
            <SideTabs
              panels={{
                submit: (
                  <Region name="submit">
                    <SubmitPanel />
                  </Region>
                ),
                stats: (
                  <Region name="stats">
                    <StatsPanel />
                  </Region>
                ),
                ...(mocksEnabled && {
                  mock: (
                    <Region name="mock">
                      <MockPanel />
                    </Region>
                  ),
                }),
              }}
            />
          ) : (
            <div className="side-placeholder" aria-hidden="true" />
          )}
        </div>
      </main>
      <Toaster />
      {firstScreenDone && (
        <Region name="notifications">
          <CompletionNotifier />
        </Region>
      )}
    </>
  );
}
