/**
 * The queue depth over the last minutes as a small inline SVG: queued tasks as the main line,
 * running ones as a second, dashed line on the same scale. The picture is one `role="img"` whose
 * label reads the lowest, highest and current depth, so the trend is not only visual.
 */
import { useMemo } from 'react';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatDuration, formatNumber } from '../../lib/format';
import { ringToArray, sparklinePath, summarize, type Ring } from '../../lib/sparkline';
import type { DepthSample } from './queueDepthHistory';

const WIDTH = 240;
const HEIGHT = 44;

export function QueueSparkline({ history }: { history: Ring<DepthSample> }) {
  const t = useT();
  const locale = useLocale();
  const drawing = useMemo(() => {
    const samples = ringToArray(history);
    const queued = samples.map((sample) => ({ t: sample.t, v: sample.queued }));
    const running = samples.map((sample) => ({ t: sample.t, v: sample.running }));
    const box = { width: WIDTH, height: HEIGHT, padding: 2, maxValue: Math.max(1, ...queued.map((p) => p.v), ...running.map((p) => p.v)) };
    return {
      enough: samples.length >= 2,
      queuedPath: sparklinePath(queued, box),
      runningPath: sparklinePath(running, box),
      summary: summarize(queued),
      running: samples[samples.length - 1]?.running ?? 0,
    };
  }, [history]);

  const n = (value: number) => formatNumber(value, locale);
  const label =
    drawing.enough && drawing.summary
      ? t('stats.sparkline', {
          duration: formatDuration(drawing.summary.spanMs, locale),
          min: n(drawing.summary.min),
          max: n(drawing.summary.max),
          current: n(drawing.summary.current),
          running: n(drawing.running),
        })
      : t('stats.sparklineEmpty');

  return (
    <figure className="sparkline">
      <figcaption className="sparkline-caption">
        <span>{t('stats.queueDepth')}</span>
        <span className="sparkline-legend small" aria-hidden="true">
          <span className="sparkline-key sparkline-key-queued">{t('status.queued')}</span>
          <span className="sparkline-key sparkline-key-running">{t('status.running')}</span>
        </span>
      </figcaption>
      <div className="sparkline-box">
        <svg className="sparkline-svg" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none">
          {drawing.enough && (
            <>
              <path className="sparkline-running" d={drawing.runningPath} />
              <path className="sparkline-queued" d={drawing.queuedPath} />
            </>
          )}
        </svg>
        {/* The same words as the picture's label, for sighted users; hidden so they are not read twice. */}
        {!drawing.enough && (
          <span className="sparkline-empty muted small" aria-hidden="true">
            {label}
          </span>
        )}
      </div>
    </figure>
  );
}
