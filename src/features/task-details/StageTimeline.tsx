/**
 * Every stage of the task in order: label, share of the total weight, status, its own progress,
 * start, end and duration. The running stage is also a progressbar that moves between updates like
 * the row's (the same extrapolation and the same never-backwards memory, marked as an estimate),
 * and its duration counts up live on the server's clock; only those small pieces subscribe to the
 * shared clock.
 */
import { useId } from 'react';
import { isActiveStatus, type Stage, type Task } from '../../api/schemas';
import { useShownProgress } from '../../hooks/shownProgress';
import { useNow } from '../../hooks/useNow';
import { useLocale, useT } from '../../i18n/localeStore';
import { listHistory } from '../../sync/durationHistoryCache';
import { useSyncStatus, useTaskMirror } from '../../sync/hooks';
import { useServerTimeline } from '../../sync/serverTime';
import { glossaryLabel } from '../../i18n/glossary';
import { formatDuration, formatPercent } from '../../lib/format';
import { stageCompletion, totalWeight } from '../../lib/progress';
import { TimeText } from './TimeText';
import './StageTimeline.css';

export function StageTimeline({ task }: { task: Task }) {
  const t = useT();
  const headingId = useId();
  const total = totalWeight(task.stages);
  const active = isActiveStatus(task.status);
  return (
    <section className="td-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('details.timeline')}</h3>
      <ol className="td-stages">
        {task.stages.map((stage) => (
          <StageItem
            key={stage.key}
            stage={stage}
            share={total > 0 ? Math.max(0, stage.weight) / total : null}
            live={active && stage.status === 'running' ? task : null}
            canceled={task.status === 'canceled'}
            endFallback={stage.status === 'failed' ? task.finishedAt : null}
          />
        ))}
      </ol>
    </section>
  );
}

interface StageItemProps {
  stage: Stage;
  share: number | null;
  /** the task, when this stage runs now: a live progressbar and duration */
  live: Task | null;
  /** when the stage has no end of its own (it failed), the task's */
  endFallback: string | null;
  /** the task was canceled: a skipped stage shows how far it got */
  canceled: boolean;
}

function StageItem({ stage, share, live, endFallback, canceled }: StageItemProps) {
  const t = useT();
  const locale = useLocale();
  const percent = formatPercent(stageCompletion(stage, canceled), locale);
  const end = stage.finishedAt ?? endFallback;
  const start = stage.startedAt ? Date.parse(stage.startedAt) : NaN;
  const label = glossaryLabel(t, 'stageName', stage.key, stage.label);
  return (
    <li className={`td-stage td-stage-${stage.status}`}>
      <div className="td-stage-head">
        <span className="td-stage-label">{label}</span>
        <span className="td-stage-status">{t(`stage.${stage.status}`)}</span>
        {live ? <LiveStagePercent task={live} /> : <span className="td-stage-percent">{percent}</span>}
      </div>
      {live && <LiveStageBar task={live} label={label} />}
      <dl className="td-stage-facts">
        <div>
          <dt>{t('details.weight')}</dt>
          <dd>{share === null ? t('details.none') : formatPercent(share, locale)}</dd>
        </div>
        <div>
          <dt>{t('details.started')}</dt>
          <dd>
            <TimeText value={stage.startedAt} clock />
          </dd>
        </div>
        <div>
          <dt>{t('details.finished')}</dt>
          <dd>
            <TimeText value={end} clock />
          </dd>
        </div>
        <div>
          <dt>{t('details.duration')}</dt>
          <dd>
            {Number.isNaN(start) ? (
              <span className="muted">{t('details.none')}</span>
            ) : live ? (
              <LiveDuration since={start} />
            ) : end ? (
              formatDuration(Date.parse(end) - start, locale)
            ) : (
              <span className="muted">{t('details.none')}</span>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}

/** The running stage's own progress as the row shows it: moving between updates, "~" when estimated. */
function useLiveStage(task: Task) {
  const mirror = useTaskMirror().data;
  const { staleness } = useSyncStatus();
  const progress = useShownProgress(task, {
    history: mirror ? listHistory(mirror) : {},
    timeline: useServerTimeline(),
    frozenAt: staleness ? staleness.since : null,
  });
  const stage = task.stages[progress.stageIndex];
  return { fill: progress.estimated ? progress.shownStageFill : (stage?.progress ?? 0), estimated: progress.estimated };
}

function LiveStagePercent({ task }: { task: Task }) {
  const t = useT();
  const locale = useLocale();
  const { fill, estimated } = useLiveStage(task);
  const percent = formatPercent(fill, locale);
  return (
    <span className={`td-stage-percent${estimated ? ' is-estimate' : ''}`} title={estimated ? t('progress.estimateHint') : undefined}>
      {estimated ? t('progress.estimate', { percent }) : percent}
    </span>
  );
}

function LiveStageBar({ task, label }: { task: Task; label: string }) {
  const t = useT();
  const locale = useLocale();
  const { fill, estimated } = useLiveStage(task);
  const percent = formatPercent(fill, locale);
  return (
    <div
      className="td-stage-bar"
      role="progressbar"
      aria-label={t('details.stageProgress', { stage: label })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(fill * 100)}
      aria-valuetext={estimated ? t('progress.estimateText', { percent }) : percent}
    >
      <div className={`td-stage-fill${estimated ? ' is-estimate' : ''}`} style={{ transform: `scaleX(${fill})` }} />
    </div>
  );
}

/** Time since a server timestamp, counted on the server's clock (a skewed client clock would say "0s"). */
function LiveDuration({ since }: { since: number }) {
  const locale = useLocale();
  const serverNow = useServerTimeline().toServer(useNow());
  return <>{formatDuration(Math.max(0, serverNow - since), locale)}</>;
}
