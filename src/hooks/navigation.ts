/**
 * Which task's details are open, kept in the URL (`?task=<id>`) so that a reload or a shared link
 * opens the same task, and the browser's Back button closes it.
 */
import { create } from 'zustand';

interface NavigationState {
  openTaskId: string | null;
  taskOpened: (id: string) => void;
  taskClosed: () => void;
}

function readTaskId(): string | null {
  if (typeof window === 'undefined') return null;
  return new URL(window.location.href).searchParams.get('task');
}

function writeTaskId(id: string | null) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set('task', id);
  else url.searchParams.delete('task');
  if (url.href !== window.location.href) window.history.pushState({ task: id }, '', url);
}

export const useNavigation = create<NavigationState>()((set) => ({
  openTaskId: readTaskId(),
  taskOpened: (id) => {
    writeTaskId(id);
    set({ openTaskId: id });
  },
  taskClosed: () => {
    const closing = useNavigation.getState().openTaskId;
    writeTaskId(null);
    set({ openTaskId: null });
    // Give focus back to the row that opened the details, if it is on screen.
    if (closing) document.querySelector<HTMLElement>(`[data-open-task="${CSS.escape(closing)}"]`)?.focus();
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useNavigation.setState({ openTaskId: readTaskId() }));
}

export const useOpenTaskId = () => useNavigation((state) => state.openTaskId);
export const useNavigationActions = () => {
  const taskOpened = useNavigation((state) => state.taskOpened);
  const taskClosed = useNavigation((state) => state.taskClosed);
  return { taskOpened, taskClosed };
};

/** The address that opens this task's details (for reports and shared links). */
export function taskLink(id: string): string {
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('task', id);
  return url.toString();
}
