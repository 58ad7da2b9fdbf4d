/**
 * The demo's chaos controls (rendered only on the mock backend): latency, injected faults, task
 * failures, speed, concurrency, rate limit, budget, clock skew and the push channel (on, off,
 * buffered; heartbeat), applied as one PUT of the changed fields; a 30-second outage; dropping
 * every event stream; and a reset of the whole mock (after a confirmation). Made to watch the
 * app's retries, back-off, cool-down, reconnects and budget handling happen.
 */
import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { showToast } from '../../components/toast/toastStore';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { useSyncEngine } from '../../sync/hooks';
import { mirrorQueryKey } from '../../sync/taskListWriter';
import { MockConfigForm } from './MockConfigForm';
import { createControlClient, dropMockStreams, mockConfigQuery, OUTAGE_SECONDS, resetMock, startMockOutage } from './mockControls';
import './MockPanel.css';

const mirrorHash = hashKey(mirrorQueryKey);

export function MockPanel() {
  const t = useT();
  const locale = useLocale();
  const titleId = useId();
  const engine = useSyncEngine();
  const queryClient = useQueryClient();
  const client = useMemo(() => createControlClient(engine.client), [engine]);
  const config = useQuery(mockConfigQuery(client));
  const failed = (error: unknown) => showToast({ kind: 'error', text: describeError(error, t, locale) });

  const outage = useMutation({
    mutationFn: () => startMockOutage(client),
    onSuccess: () => {
      showToast({ kind: 'info', text: t('mock.outageStarted', { seconds: OUTAGE_SECONDS }) });
      engine.pollNow('user');
    },
    onError: failed,
  });

  const drop = useMutation({
    mutationFn: () => dropMockStreams(client),
    onSuccess: (count) => showToast({ kind: 'info', text: t('mock.streamsDropped', { count }) }),
    onError: failed,
  });

  const reset = useMutation({
    mutationFn: () => resetMock(client),
    onSuccess: async () => {
      showToast({ kind: 'success', text: t('mock.resetDone') });
      engine.pollNow('user');
      // Every other read may hold tasks that are gone now. The mirror is left to the engine: its
      // next delta lists the removed tasks, and a refetch beside it would be a second writer.
      await queryClient.invalidateQueries({ predicate: (query) => query.queryHash !== mirrorHash });
    },
    onError: failed,
  });

  const resetClicked = () => {
    if (window.confirm(t('mock.confirmReset'))) reset.mutate();
  };

  return (
    <section className="panel mock-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('mock.title')}</h2>
      <p className="muted small mock-hint">{t('mock.hint')}</p>
      {config.data ? (
        <MockConfigForm key={JSON.stringify(config.data)} config={config.data} client={client} />
      ) : config.isError ? (
        <div className="notice notice-error" role="alert">
          <p>
            {t('mock.loadFailed')} {describeError(config.error, t, locale)}
          </p>
          <button type="button" className="btn btn-small" onClick={() => void config.refetch()}>
            {t('error.tryAgain')}
          </button>
        </div>
      ) : (
        <p className="muted small">{t('mock.loading')}</p>
      )}
      <div className="mock-actions">
        <button type="button" className="btn" onClick={() => outage.mutate()} disabled={outage.isPending}>
          {t('mock.outage', { seconds: OUTAGE_SECONDS })}
        </button>
        <button type="button" className="btn" onClick={() => drop.mutate()} disabled={drop.isPending}>
          {t('mock.dropStreams')}
        </button>
        <button type="button" className="btn btn-danger" onClick={resetClicked} disabled={reset.isPending}>
          {t('mock.reset')}
        </button>
      </div>
    </section>
  );
}
