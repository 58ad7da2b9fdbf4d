/**
 * The details region of the side column: the task opened with `?task=<id>` (stages, live log,
 * result or error, parameters), or a hint when none is open. Escape closes it wherever focus is
 * (even on <body>), unless a dialog is open — then Escape answers the dialog. Opening a task moves
 * focus to its heading so keyboard and screen-reader users land on it. A detail answer that could
 * not be used offers Try again (and is asked for again by itself, see useOpenTask).
 */
import { useCallback, useEffect, useId, useRef } from 'react';
import { useNavigation, useNavigationActions, useOpenTaskId } from '../../hooks/navigation';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { TaskDetails } from './TaskDetails';
import { useOpenTask } from './useOpenTask';
import './TaskDetailsPanel.css';

export function TaskDetailsPanel() {
  const t = useT();
  const id = useOpenTaskId();
  const { taskClosed } = useNavigationActions();
  const headingId = useId();
  const consumeFocusRequest = useFocusOnOpen();
  useEscapeCloses(id !== null, taskClosed);

  return (
    <section className="panel task-details" aria-labelledby={headingId}>
      {id === null ? (
        <>
          <h2 id={headingId} className="panel-title">
            {t('details.label')}
          </h2>
          <p className="muted">{t('details.empty')}</p>
        </>
      ) : (
        <OpenTaskView key={id} id={id} headingId={headingId} consumeFocusRequest={consumeFocusRequest} />
      )}
    </section>
  );
}

interface OpenTaskViewProps {
  id: string;
  headingId: string;
  consumeFocusRequest: (id: string) => boolean;
}

function OpenTaskView({ id, headingId, consumeFocusRequest }: OpenTaskViewProps) {
  const t = useT();
  const locale = useLocale();
  const open = useOpenTask(id);
  const { taskClosed } = useNavigationActions();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const found = open.state === 'found';

  useEffect(() => {
    if (found && consumeFocusRequest(id)) headingRef.current?.focus();
  }, [found, id, consumeFocusRequest]);

  if (open.state === 'found') return <TaskDetails task={open.task} headingId={headingId} headingRef={headingRef} />;
  return (
    <>
      <div className="panel-header">
        <h2 id={headingId}>{t('details.label')}</h2>
        <button type="button" className="btn btn-small" onClick={taskClosed}>
          {t('action.close')}
        </button>
      </div>
      {open.state === 'loading' && <p className="muted">{t('details.loading')}</p>}
      {open.state === 'not-found' && <p className="notice">{t('details.notFound')}</p>}
      {open.state === 'failed' && (
        <div className="notice notice-error td-load-failed" role="alert">
          <p>
            {t('details.loadFailed')} {describeError(open.error, t, locale)}
          </p>
          <button type="button" className="btn btn-small" onClick={open.retry} disabled={open.retrying}>
            {open.retrying ? t('details.loading') : t('error.tryAgain')}
          </button>
        </div>
      )}
    </>
  );
}

/** Escape closes the details from anywhere on the page, except while a dialog asks a question. */
function useEscapeCloses(open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, close]);
}

/**
 * Remembers that the user opened a task after this panel appeared (a link in the list, Back), so
 * its heading takes focus once it shows; a task already in the URL at page load does not steal it.
 */
function useFocusOnOpen(): (id: string) => boolean {
  const requested = useRef<string | null>(null);
  useEffect(
    () =>
      useNavigation.subscribe((state, previous) => {
        if (state.openTaskId !== previous.openTaskId) requested.current = state.openTaskId;
      }),
    [],
  );
  return useCallback((id: string) => {
    if (requested.current !== id) return false;
    requested.current = null;
    return true;
  }, []);
}
