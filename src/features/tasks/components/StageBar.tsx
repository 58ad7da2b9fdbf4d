/**
 * The segmented stage bar: one segment per stage, as wide as the stage's weight, filled by its
 * progress and coloured by its status. Between updates the running stage's fill is extrapolated:
 * the server's figure is drawn solid and the estimated part beyond it lighter, so an estimate never
 * passes for a measurement; while data is stale the bar is greyed and says why. For assistive
 * technology it is one progressbar with the overall percentage ("about …" when estimated) and the
 * current stage in words.
 */
import { memo } from 'react';
import type { Stage } from '../../../api/schemas';
import { glossaryLabel } from '../../../i18n/glossary';
import { useLocale, useT } from '../../../i18n/localeStore';
import { formatPercent } from '../../../lib/format';
import { currentStage, stageSegments } from '../../../lib/progress';
import './StageBar.css';

interface StageBarProps {
  stages: readonly Stage[];
  /** overall progress 0..1 as shown (already made monotone) */
  progress: number;
  title: string;
  /** the running stage's fill as shown, when it is extrapolated past the server's figure */
  runningFill?: number;
  /** `progress` is ahead of the server's figure */
  estimated?: boolean;
  /** why the bar is frozen (stale data), or null */
  staleReason?: string | null;
  /** the task was canceled: its skipped stages fill only as far as they got */
  canceled?: boolean;
}

export const StageBar = memo(function StageBar({ stages, progress, title, runningFill, estimated = false, staleReason = null, canceled = false }: StageBarProps) {
  const t = useT();
  const locale = useLocale();
  const percent = formatPercent(progress, locale);
  const stage = currentStage(stages);
  const fillOf = (s: Pick<Stage, 'status' | 'progress'>) => (s.status === 'running' && runningFill !== undefined ? Math.max(s.progress, runningFill) : s.progress);
  const stageText = stage
    ? `${glossaryLabel(t, 'stageName', stage.key, stage.label)} ${t(`stage.${stage.status}`)}${stage.status === 'running' ? ` ${formatPercent(fillOf(stage), locale)}` : ''}`
    : t('stage.done');
  let valueText = t(estimated ? 'row.progressTextEstimated' : 'row.progressText', { percent, stage: stageText });
  if (staleReason) valueText = `${valueText} — ${staleReason}`;
  return (
    <div
      className={`stage-bar${staleReason ? ' is-stale' : ''}`}
      role="progressbar"
      aria-label={t('row.progress', { title })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(progress * 100)}
      aria-valuetext={valueText}
      title={staleReason ?? (estimated ? t('progress.estimateHint') : undefined)}
    >
      {stageSegments(stages, canceled).map((segment, index) => {
        const source = stages[index];
        const shownFill = source && segment.status === 'running' ? fillOf(source) : segment.fill;
        return (
          <div
            key={segment.key}
            className={`stage-seg stage-${segment.status}`}
            style={{ flexGrow: segment.width, flexBasis: 0 }}
            title={`${glossaryLabel(t, 'stageName', segment.key, segment.label)}: ${t(`stage.${segment.status}`)}${segment.status === 'running' ? ` ${formatPercent(shownFill, locale)}` : ''}`}
          >
            {shownFill > segment.fill && (
              <div className="stage-fill stage-fill-estimate" style={{ transform: `scaleX(${shownFill})` }} />
            )}
            <div className="stage-fill" style={{ transform: `scaleX(${segment.fill})` }} />
          </div>
        );
      })}
    </div>
  );
});
