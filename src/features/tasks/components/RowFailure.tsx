/**
 * Why a failed task failed, in its row: the stage it failed at and the server's message, shortened
 * to two lines; the whole message (with the error code) shows on hover and on keyboard focus, and
 * is in the text a screen reader reads. Server text is rendered as text.
 */
import type { Task } from '../../../api/schemas';
import { glossaryLabel } from '../../../i18n/glossary';
import { useT } from '../../../i18n/localeStore';
import './RowFailure.css';

export function RowFailure({ task }: { task: Task }) {
  const t = useT();
  if (task.status !== 'failed') return null;
  const error = task.error;
  const stageKey = error?.stage ?? task.stages.find((stage) => stage.status === 'failed')?.key ?? null;
  const stage = stageKey === null ? null : task.stages.find((candidate) => candidate.key === stageKey);
  const stageLabel = stageKey === null ? null : glossaryLabel(t, 'stageName', stageKey, stage?.label ?? stageKey);
  const message = error?.message || t('row.failedNoMessage');
  return (
    // Focusable so that keyboard users can reveal the whole message, as a hover does.
    <p className="row-failure" tabIndex={0}>
      <span className="row-failure-stage">{stageLabel ? t('row.failedAt', { stage: stageLabel }) : t('row.failedNoStage')}</span>{' '}
      <span className="row-failure-message">{message}</span>
      {error?.code && <span className="row-failure-code"> ({error.code})</span>}
    </p>
  );
}
