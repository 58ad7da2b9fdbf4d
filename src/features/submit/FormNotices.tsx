/**
 * One line at the top of the form about how it got its content: filled from a finished task
 * ("Edit and run again", with the parameters that could not be carried over), from a refused
 * submit, a task type that is no longer offered, or a batch the server accepted only in part.
 * Polite, dismissible, and gone once it no longer applies. Titles are user text, shown as text.
 */
import { useT } from '../../i18n/localeStore';

export type FormNotice =
  | { kind: 'filledFrom'; title: string; dropped: readonly string[] }
  | { kind: 'refusedEarlier'; title: string }
  | { kind: 'typeGone'; type: string; title: string }
  | { kind: 'partlyRefused'; accepted: number; total: number };

export function FormNotices({ notice, onDismiss }: { notice: FormNotice | null; onDismiss: () => void }) {
  const t = useT();
  let text: string | null = null;
  let extra: string | null = null;
  let warn = false;
  if (notice?.kind === 'filledFrom') {
    text = t('submit.filledFrom', { title: notice.title });
    if (notice.dropped.length > 0) extra = t('submit.paramsDropped', { names: notice.dropped.join(', ') });
  } else if (notice?.kind === 'refusedEarlier') {
    text = t('submit.filledFromRefused', { title: notice.title });
    warn = true;
  } else if (notice?.kind === 'typeGone') {
    text = t('submit.typeGone', { type: notice.type, title: notice.title });
    warn = true;
  } else if (notice?.kind === 'partlyRefused') {
    text = t('submit.partlyRefused', { accepted: notice.accepted, total: notice.total });
    warn = true;
  }
  return (
    <div className="submit-notice-slot" aria-live="polite">
      {text && (
        <div className={`notice small submit-notice${warn ? ' notice-warn' : ''}`}>
          <p>
            {text}
            {extra && <span className="submit-notice-extra"> {extra}</span>}
          </p>
          <button type="button" className="btn btn-small" onClick={onDismiss}>
            {t('action.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
