/**
 * Tells the user once about things that happen to tasks out of sight: a retry the server refused
 * (the reason, and the intent leaves the outbox; a 404 means the server no longer has the task,
 * so its row goes), and tasks the server sent that could not be read (reported once per problem,
 * not on every poll; the rows themselves carry the "Not updating" mark).
 */
import { useEffect } from 'react';
import { showToast } from '../../../components/toast/toastStore';
import { currentTranslator } from '../../../i18n/localeStore';
import { useOutboxStore } from '../../../sync/outboxStore';
import { useSyncEngine } from '../../../sync/hooks';
import { useUnreadableTasksStore } from '../../../sync/unreadableTasksStore';

export function useTaskNotices(): void {
  const engine = useSyncEngine();

  useEffect(() => {
    const check = () => {
      const store = useOutboxStore.getState();
      for (const entry of store.entries) {
        if (entry.kind !== 'retry' || entry.state !== 'failed') continue;
        const t = currentTranslator();
        const problem = entry.lastError;
        store.entryDiscarded(entry.id);
        if (problem?.status === 404 && entry.taskId) {
          engine.tasksRemoved([entry.taskId]);
          showToast({ kind: 'info', text: t('retry.gone', { title: entry.label }) });
        } else {
          const reason = problem ? problem.detail || problem.title : '';
          showToast({ kind: 'error', text: t('retry.refused', { title: entry.label, reason }) });
        }
      }
    };
    check();
    return useOutboxStore.subscribe((state, previous) => {
      if (state.entries !== previous.entries) check();
    });
  }, [engine]);

  useEffect(
    () =>
      useUnreadableTasksStore.subscribe((state, previous) => {
        const report = state.lastReport;
        if (!report || report === previous.lastReport) return;
        const count = report.ids.length + report.anonymous;
        showToast({ kind: 'error', text: currentTranslator()('unreadable.report', { count }) });
        // For whoever debugs the server: what exactly did not match, once.
        console.warn(`Task Center: ${count} task(s) in an answer did not match the contract:`, report.ids, report.detail);
      }),
    [],
  );
}
