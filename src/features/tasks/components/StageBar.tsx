/**
 * The segmented stage bar: one segment per stage, as wide as the stage's weight, filled by its
 * progress and coloured by its status. For assistive technology it is one progressbar with the
 * overall percentage and the current stage in words.
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
  /** the task was canceled: its skipped stages fill only as far as they got */
  canceled?: boolean;
}

export const StageBar = memo(function StageBar({ stages, progress, title, canceled = false }: StageBarProps) {
  const t = useT();
  const locale = useLocale();
  const percent = formatPercent(progress, locale);
  const stage = currentStage(stages);
  const stageText = stage
    ? `${glossaryLabel(t, 'stageName', stage.key, stage.label)} ${t(`stage.${stage.status}`)}${stage.status === 'running' ? ` ${formatPercent(stage.progress, locale)}` : ''}`
    : t('stage.done');
  return (
    <div
      className="stage-bar"
      role="progressbar"
      aria-label={t('row.progress', { title })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(progress * 100)}
      aria-valuetext={t('row.progressText', { percent, stage: stageText })}
    >
      {stageSegments(stages, canceled).map((segment) => (
        <div
          key={segment.key}
          className={`stage-seg stage-${segment.status}`}
          style={{ flexGrow: segment.width, flexBasis: 0 }}
          title={`${glossaryLabel(t, 'stageName', segment.key, segment.label)}: ${t(`stage.${segment.status}`)}${segment.status === 'running' ? ` ${formatPercent(segment.fill, locale)}` : ''}`}
        >
          <div className="stage-fill" style={{ transform: `scaleX(${segment.fill})` }} />
        </div>
      ))}
    </div>
  );
});
