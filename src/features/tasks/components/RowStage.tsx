/**
 * The stage a running task is in, by name and with its own progress ("Inference 45 %"), in the
 * row itself rather than only in the stage bar's tooltip.
 */
import type { Task } from '../../../api/schemas';
import { glossaryLabel } from '../../../i18n/glossary';
import { useLocale, useT } from '../../../i18n/localeStore';
import { formatPercent } from '../../../lib/format';

export function RowStage({ task }: { task: Task }) {
  const t = useT();
  const locale = useLocale();
  if (task.status !== 'running') return null;
  const stage = task.stages.find((candidate) => candidate.status === 'running');
  if (!stage) return null;
  return (
    <span className="row-stage">
      {t('row.stageNow', { stage: glossaryLabel(t, 'stageName', stage.key, stage.label), percent: formatPercent(stage.progress, locale) })}
    </span>
  );
}
