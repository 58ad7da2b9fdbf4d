/**
 * The failure of a failed task: code, message, stage, whether the server thinks a retry can help,
 * trace id and attempt, with the report tools (copy, download, report a problem) for a support
 * request. All server text is text.
 */
import { useId, type ReactNode } from 'react';
import type { Attempt, LogEntry, Task } from '../../api/schemas';
import { useT } from '../../i18n/localeStore';
import { glossaryLabel } from '../../i18n/glossary';
import { ReportTools } from './ReportTools';

interface ErrorBoxProps {
  task: Task;
  attempts: readonly Attempt[] | undefined;
  logs: readonly LogEntry[];
}

export function ErrorBox({ task, attempts, logs }: ErrorBoxProps) {
  const t = useT();
  const headingId = useId();
  const error = task.error;
  const stageKey = error?.stage ?? task.stages.find((stage) => stage.status === 'failed')?.key ?? null;
  const stageLabel =
    stageKey === null ? null : glossaryLabel(t, 'stageName', stageKey, task.stages.find((stage) => stage.key === stageKey)?.label ?? stageKey);
  const none = <span className="muted">{t('details.none')}</span>;
  return (
    <section className="td-section td-error" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('details.error')}</h3>
      <dl className="td-error-facts">
        <Field label={t('details.errorCode')}>{error ? <span className="mono">{error.code}</span> : none}</Field>
        <Field label={t('details.message')}>{error?.message || none}</Field>
        <Field label={t('details.errorStage')}>{stageLabel ?? none}</Field>
        <Field label={t('details.errorRetryable')}>
          {error ? (error.retryable ? t('details.yes') : t('details.no')) : none}
        </Field>
        <Field label={t('details.traceId')}>{error?.traceId ? <span className="mono">{error.traceId}</span> : none}</Field>
        <Field label={t('details.attempt')}>{task.attempt}</Field>
      </dl>
      <ReportTools task={task} attempts={attempts} logs={logs} />
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="td-error-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
