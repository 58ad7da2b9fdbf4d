/**
 * The tab title as a glanceable status: "(3) Task Center" while three tasks are queued or running,
 * with a "✓2 · " lead (or "⚠2 · " when one failed) while finished tasks wait unseen. Counts come
 * from the mirror and the completions store; the wording from notifyPolicy.
 */
import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n/localeStore';
import { countActive, formatDocumentTitle } from '../../lib/notifyPolicy';
import { useCompletionsStore } from '../../sync/completionsStore';
import { useTaskMirror } from '../../sync/hooks';

export function useDocumentTitle(): void {
  const t = useT();
  const byId = useTaskMirror().data?.byId;
  const active = useMemo(() => (byId ? countActive(byId.values()) : 0), [byId]);
  const unseen = useCompletionsStore((state) => state.completions.filter((c) => !c.seen).length);
  const unseenFailed = useCompletionsStore((state) => state.completions.filter((c) => !c.seen && c.status === 'failed').length);
  const title = formatDocumentTitle({ base: t('app.title'), active, unseen, unseenFailed });

  // Declared first so its cleanup (restoring the page's own title) runs after the one below.
  useEffect(() => {
    const original = document.title;
    return () => {
      document.title = original;
    };
  }, []);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
