import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { loadMessages, pluralRules } from '../i18n/i18n';
import { initialLocale } from '../i18n/localeStore';
import { prepareFormatters } from '../lib/format';
import { nextTask } from '../lib/nextTask';
import { mirrorQuery } from '../sync/hooks';
import { App } from './App';
import { createAppServices } from './createAppServices';
import './styles.css';
import './layout.css';

/**
 * The start-up, in steps that are each their own task (`nextTask` between them), so that no one
 * of them holds a phone's main thread for long: the scripts' evaluation, the sync engine and the
 * first list request, the language, the first render (a transition, which React slices too).
 */
async function start() {
  // Written out here, not imported, so that the bundler drops the import below at build time.
  if (
    import.meta.env.VITE_ENABLE_MOCKS === 'true' ||
    (import.meta.env.DEV && import.meta.env.VITE_ENABLE_MOCKS !== 'false' && !import.meta.env.VITE_API_BASE_URL)
  ) {
    // Dynamic import: MSW and the mock engine never reach a production bundle.
    const { startMockWorker } = await import('../../mocks/browser');
    await startMockWorker();
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  await nextTask();
  const services = createAppServices();
  services.engine.start();
  // The list's data, the task region's code and the language's messages load side by side.
  void services.queryClient.prefetchQuery(mirrorQuery(services.engine));
  void import('../features/tasks/components/TasksPanel');
  await nextTask();
  const locale = initialLocale();
  prepareFormatters(locale, [() => pluralRules(locale)]);
  await loadMessages(locale);
  const reactRoot = createRoot(root);
  await nextTask();
  // The static first paint in index.html stays until this render commits.
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <App services={services} />
      </StrictMode>,
    );
  });
}

void start();
