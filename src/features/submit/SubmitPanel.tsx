/**
 * The "New task" region: loads the task types (GET /task-types) that drive the form, shows a
 * loading line or the failure with a retry, then the form. Task types already shown stay shown
 * when a later refetch fails.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { useSyncEngine } from '../../sync/hooks';
import { taskTypesQuery } from '../../sync/queries';
import { SubmitForm } from './SubmitForm';
import './SubmitPanel.css';

export function SubmitPanel() {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const engine = useSyncEngine();
  const typesQuery = useQuery(taskTypesQuery(engine.client));
  const [first, ...rest] = typesQuery.data ?? [];

  let body;
  if (first) {
    body = <SubmitForm types={[first, ...rest]} />;
  } else if (typesQuery.isPending || typesQuery.isFetching) {
    // Offline, TanStack Query holds the fetch back until the network returns.
    body = (
      <p role="status" className="muted">
        {typesQuery.fetchStatus === 'paused' ? t('connection.offline') : t('submit.typesLoading')}
      </p>
    );
  } else {
    body = (
      <div role="alert" className="notice notice-error submit-types-failed">
        <p>
          {t('submit.typesFailed')} {typesQuery.error ? describeError(typesQuery.error, t, locale) : ''}
        </p>
        <button type="button" className="btn btn-small" onClick={() => void typesQuery.refetch()}>
          {t('error.tryAgain')}
        </button>
      </div>
    );
  }

  return (
    <section className="panel submit-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('submit.title')}</h2>
      {body}
    </section>
  );
}
