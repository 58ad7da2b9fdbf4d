/**
 * "Mark finished tasks as seen": clears every unseen completion at once — the pins at the top of
 * the list and the mark in the tab title. Shows only while there is something to clear.
 */
import { useId } from 'react';
import { useT } from '../../i18n/localeStore';
import { useCompletionsStore } from '../../sync/completionsStore';

export function MarkSeenButton() {
  const t = useT();
  const id = useId();
  const unseen = useCompletionsStore((state) => state.completions.filter((c) => !c.seen).length);
  const completionsSeen = useCompletionsStore((state) => state.completionsSeen);
  if (unseen === 0) return null;
  return (
    <span className="mark-seen">
      <span id={id} className="muted small">
        {t('notify.unseen', { count: unseen })}
      </span>{' '}
      <button type="button" className="btn btn-small" aria-describedby={id} onClick={() => completionsSeen()}>
        {t('list.markSeen')}
      </button>
    </span>
  );
}
