/**
 * What the server refused of the latest submit click. Once none of the click's intents is still on
 * its way and at least one was refused for good (400, 402, 422 …), the refused ones leave the
 * outbox — the form shows why, at the field the server names, so nothing lingers below the fold —
 * and `onRefused` gets them with the bodies that did go through (a batch can be partly accepted).
 */
import { useEffect, useEffectEvent } from 'react';
import type { SubmitTaskBody } from '../../api/schemas';
import type { OutboxEntry, OutboxProblem } from '../../lib/outbox';
import { useOutboxStore } from '../../sync/outboxStore';
import type { SubmitAttempt } from './useSubmitIntents';

export interface RefusedSubmit {
  body: SubmitTaskBody;
  problem: OutboxProblem;
}

export interface AttemptRefusals {
  refused: RefusedSubmit[];
  /** bodies of the same click the server accepted */
  accepted: SubmitTaskBody[];
}

/** The refused and accepted parts of a settled click; null while any part is still on its way. */
export function settledRefusals(entries: readonly OutboxEntry[], ids: readonly string[]): AttemptRefusals | null {
  const mine = ids.map((id) => entries.find((entry) => entry.id === id));
  if (mine.some((entry) => entry?.state === 'pending')) return null;
  const refused: RefusedSubmit[] = [];
  const accepted: SubmitTaskBody[] = [];
  for (const entry of mine) {
    if (!entry?.body) continue;
    if (entry.state === 'failed' && entry.lastError) refused.push({ body: entry.body, problem: entry.lastError });
    else if (entry.state === 'done') accepted.push(entry.body);
  }
  return refused.length > 0 ? { refused, accepted } : null;
}

export function useAttemptRefusals(attempt: SubmitAttempt | null, onRefused: (result: AttemptRefusals) => void): void {
  const refusedNow = useEffectEvent(onRefused);
  useEffect(() => {
    if (!attempt) return;
    const check = (entries: readonly OutboxEntry[]) => {
      const result = settledRefusals(entries, attempt.ids);
      if (!result) return;
      const store = useOutboxStore.getState();
      for (const id of attempt.ids) {
        if (store.entries.find((entry) => entry.id === id)?.state === 'failed') store.entryDiscarded(id);
      }
      refusedNow(result);
    };
    check(useOutboxStore.getState().entries);
    return useOutboxStore.subscribe((state, previous) => {
      if (state.entries !== previous.entries) check(state.entries);
    });
  }, [attempt]);
}
