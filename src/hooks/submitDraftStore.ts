/**
 * "Edit and run again" (and "Edit in the form" for a refused submit): a request to fill the submit
 * form with a task's type, title, parameters and priority. The list, the details and the outbox
 * ask; the submit form listens. A shared store in a shared layer, because features do not import
 * each other. Each request has its own number, so asking twice for the same task fills the form
 * twice (the user may have changed it in between).
 */
import { create } from 'zustand';
import type { Priority } from '../api/schemas';
import type { OutboxProblem } from '../lib/outbox';

export interface SubmitDraft {
  type: string;
  title: string;
  params: Readonly<Record<string, unknown>>;
  priority: Priority;
  /** what the server said when it refused this submit, shown at the field it names */
  refusal?: OutboxProblem;
  /** increases with every request */
  seq: number;
}

interface SubmitDraftState {
  draft: SubmitDraft | null;
  draftRequested: (draft: Omit<SubmitDraft, 'seq'>) => void;
}

let seq = 0;

export const useSubmitDraftStore = create<SubmitDraftState>()((set) => ({
  draft: null,
  draftRequested: (draft) => {
    seq += 1;
    set({ draft: { ...draft, seq } });
  },
}));

/** For event handlers: fill the submit form with this task's type, title, params and priority. */
export function requestEditAndRunAgain(task: { type: string; title: string; params: Readonly<Record<string, unknown>>; priority: Priority }): void {
  useSubmitDraftStore.getState().draftRequested({ type: task.type, title: task.title, params: task.params, priority: task.priority });
}
