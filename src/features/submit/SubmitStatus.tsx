/**
 * What became of the latest click, in a polite live region: submitting (and, offline, that it
 * waits to be sent when the network is back), submitted, or that it was the same task as one
 * already on its way. "Submitted" goes away once the user edits the form or after a few seconds,
 * so no old line sits beside a new problem. A refusal that names no field (auth, a conflict, the
 * key-reuse bug) shows here, assertively, with the server's problem details. After an intent that
 * was already acknowledged, the user may still ask for another identical task on purpose.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/localeStore';
import type { Refusal } from '../../lib/submitRefusal';
import { useSyncStatus } from '../../sync/hooks';
import type { SubmitAttempt, SubmitPhase } from './useSubmitIntents';

/** How long "Submitted: …" stays when nothing else happens. */
export const SUBMITTED_LINE_MS = 8_000;

interface SubmitStatusProps {
  attempt: SubmitAttempt | null;
  phase: SubmitPhase;
  /** changes whenever the user edits the form */
  edited: number;
  refusal: Refusal | null;
  onSubmitAnyway: () => void;
}

export function SubmitStatus({ attempt, phase, edited, refusal, onSubmitAnyway }: SubmitStatusProps) {
  const t = useT();
  const { online } = useSyncStatus();
  const [hiddenFor, setHiddenFor] = useState<SubmitAttempt | null>(null);
  const [editedAtAttempt, setEditedAtAttempt] = useState({ attempt, edited });
  if (editedAtAttempt.attempt !== attempt) setEditedAtAttempt({ attempt, edited });
  const settled = phase !== 'sending';
  // An edit after the click makes its outcome old news (but never hides "Submitting…").
  const stale = hiddenFor === attempt || (settled && editedAtAttempt.attempt === attempt && edited !== editedAtAttempt.edited);

  useEffect(() => {
    if (!attempt || phase !== 'submitted') return;
    const timer = setTimeout(() => setHiddenFor(attempt), SUBMITTED_LINE_MS);
    return () => clearTimeout(timer);
  }, [attempt, phase]);

  const lines: string[] = [];
  if (attempt && !stale) {
    const [first] = attempt.bodies;
    const label = attempt.bodies.length === 1 && first ? first.title : t('submit.batchCount', { count: attempt.bodies.length });
    if (attempt.duplicate) lines.push(t('submit.duplicate'));
    if (phase === 'sending') {
      lines.push(t('submit.sending'));
      if (!online) lines.push(t('submit.offlineQueued'));
    } else if (phase === 'submitted' && !attempt.alreadyAcknowledged) {
      lines.push(t('submit.submitted', { title: label }));
    }
  }
  const offerAnother = attempt?.alreadyAcknowledged === true && phase === 'submitted' && !stale;
  return (
    <div className="submit-status">
      <div role="status" aria-live="polite" aria-atomic="true">
        {lines.map((line) => (
          <p key={line} className="submit-status-line">
            {line}
          </p>
        ))}
      </div>
      {offerAnother && (
        <button type="button" className="btn btn-small" onClick={onSubmitAnyway}>
          {t('submit.submitAnyway')}
        </button>
      )}
      {/* An alert is announced when it appears: no need for an empty region beforehand. */}
      {refusal && (
        <div role="alert" className="submit-refusal">
          <RefusalText refusal={refusal} />
        </div>
      )}
    </div>
  );
}

function RefusalText({ refusal }: { refusal: Refusal }) {
  const t = useT();
  const { problem } = refusal;
  return (
    <div className="notice notice-error small">
      {problem.isBug && <p>{t('outbox.bug')}</p>}
      <p>
        {problem.status === null ? t('submit.refusedForm', { message: refusal.message }) : t('submit.refusedFormStatus', { status: problem.status, message: refusal.message })}
      </p>
      <p className="muted">
        <code className="mono">{problem.code}</code>
        {problem.traceId && <> · {t('error.trace', { traceId: problem.traceId })}</>}
      </p>
    </div>
  );
}
