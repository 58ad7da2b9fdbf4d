/**
 * Submits the server refused that the form did not send itself this time: sent before a reload
 * (offline, then refused once the network came back) or from another tab. Each says what the
 * server said and offers "Edit in the form" — the form gets the submit back with the reason at
 * its field — or "Dismiss". Refusals of the form's own click are shown at its fields instead.
 */
import { useShallow } from 'zustand/react/shallow';
import { requestEditAndRunAgain, useSubmitDraftStore } from '../../hooks/submitDraftStore';
import { useT } from '../../i18n/localeStore';
import type { OutboxEntry } from '../../lib/outbox';
import { useOutboxStore } from '../../sync/outboxStore';

export function RefusedSubmits({ ownIds }: { ownIds: readonly string[] }) {
  const t = useT();
  const refused = useOutboxStore(
    useShallow((state) => state.entries.filter((entry) => entry.kind === 'submit' && entry.state === 'failed' && !ownIds.includes(entry.id))),
  );
  if (refused.length === 0) return null;
  return (
    <ul className="submit-refused" aria-label={t('submit.refusedEarlierList')}>
      {refused.map((entry) => (
        <RefusedItem key={entry.id} entry={entry} />
      ))}
    </ul>
  );
}

function RefusedItem({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  const discard = () => useOutboxStore.getState().entryDiscarded(entry.id);
  const problem = entry.lastError;
  const message = problem ? problem.detail || problem.title : '';
  return (
    <li className="notice notice-error small submit-refused-item">
      <p>{t('submit.refusedEarlier', { title: entry.label, message })}</p>
      <div className="submit-refused-actions">
        {entry.body && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              if (!entry.body) return;
              if (problem) useSubmitDraftStore.getState().draftRequested({ ...bodyOf(entry), refusal: problem });
              else requestEditAndRunAgain(bodyOf(entry));
              discard();
            }}
          >
            {t('submit.editRefused')}
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={discard} aria-label={t('submit.dismissRefused', { title: entry.label })}>
          {t('action.dismiss')}
        </button>
      </div>
    </li>
  );
}

function bodyOf(entry: OutboxEntry) {
  const body = entry.body!;
  return { type: body.type, title: body.title, params: body.params, priority: body.priority ?? 'medium' };
}
