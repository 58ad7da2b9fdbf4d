/**
 * Fills the form when "Edit and run again" (a task's row or details) or "Edit in the form" (a
 * refused submit) asks for it through the shared draft store: the task's type, title, priority and
 * parameters as form values. Parameters the type no longer has are named in the notice; a type
 * the server no longer offers leaves the form as it was and says so. Each request is used once.
 */
import { useEffect, useEffectEvent } from 'react';
import type { Priority, TaskType } from '../../api/schemas';
import { useSubmitDraftStore, type SubmitDraft } from '../../hooks/submitDraftStore';
import type { OutboxProblem } from '../../lib/outbox';
import { formValuesFromParams, type FormValues } from '../../lib/paramForm';
import type { FormNotice } from './FormNotices';

export interface FilledDraft {
  type: TaskType;
  values: FormValues;
  title: string;
  priority: Priority;
  refusal: OutboxProblem | undefined;
  notice: FormNotice;
}

export function useDraftFill(types: readonly TaskType[], onFill: (draft: FilledDraft) => void, onTypeGone: (notice: FormNotice) => void): void {
  const draft = useSubmitDraftStore((state) => state.draft);
  const fill = useEffectEvent((request: SubmitDraft) => {
    const type = types.find((candidate) => candidate.type === request.type);
    if (!type) {
      onTypeGone({ kind: 'typeGone', type: request.type, title: request.title });
      return;
    }
    const { values, dropped } = formValuesFromParams(type.params, request.params);
    onFill({
      type,
      values,
      title: request.title,
      priority: request.priority,
      refusal: request.refusal,
      notice: request.refusal ? { kind: 'refusedEarlier', title: request.title } : { kind: 'filledFrom', title: request.title, dropped },
    });
  });
  useEffect(() => {
    if (!draft) return;
    fill(draft);
    // Used once: a later mount of the form (another language, a reload of the region) starts clean.
    useSubmitDraftStore.setState((state) => (state.draft?.seq === draft.seq ? { draft: null } : state));
  }, [draft]);
}
