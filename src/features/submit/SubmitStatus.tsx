/**
 * What became of the latest click, in a polite live region: submitting (and, offline, that it
 * waits in the outbox), submitted, not accepted, or that it was the same task as one already on
 * its way. After an intent that was already acknowledged, the user may still ask for another
 * identical task on purpose.
 */
import { useT } from '../../i18n/localeStore';
import { useSyncStatus } from '../../sync/hooks';
import type { SubmitAttempt, SubmitPhase } from './useSubmitIntents';

interface SubmitStatusProps {
  attempt: SubmitAttempt | null;
  phase: SubmitPhase;
  onSubmitAnyway: () => void;
}

export function SubmitStatus({ attempt, phase, onSubmitAnyway }: SubmitStatusProps) {
  const t = useT();
  const { online } = useSyncStatus();

  const lines: string[] = [];
  if (attempt) {
    const [first] = attempt.bodies;
    const label = attempt.bodies.length === 1 && first ? first.title : t('submit.batchCount', { count: attempt.bodies.length });
    if (attempt.duplicate) lines.push(t('submit.duplicate'));
    if (phase === 'sending') {
      lines.push(t('submit.sending'));
      if (!online) lines.push(t('submit.offlineQueued'));
    } else if (phase === 'submitted' && !attempt.alreadyAcknowledged) {
      lines.push(t('submit.submitted', { title: label }));
    } else if (phase === 'failed') {
      lines.push(t('submit.failed'));
    }
  }
  const offerAnother = attempt?.alreadyAcknowledged === true && phase === 'submitted';

  return (
    <div className="submit-status">
      <div role="status" aria-live="polite" aria-atomic="true">
        {lines.map((line) => (
          <p key={line} className={phase === 'failed' ? 'submit-status-line submit-status-failed' : 'submit-status-line'}>
            {line}
          </p>
        ))}
      </div>
      {offerAnother && (
        <button type="button" className="btn btn-small" onClick={onSubmitAnyway}>
          {t('submit.submitAnyway')}
        </button>
      )}
    </div>
  );
}
