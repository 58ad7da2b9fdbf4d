/**
 * The submit button's intents: every task of a click goes to the outbox through `engine.submit`,
 * which hands back the pending intent instead of a new one when the same form is sent twice (a
 * double click), so a click never creates a second request. The hook follows the click's outbox
 * entries and tells the form when all of them are acknowledged.
 *
 * Batch lines with the same title are different tasks the user asked for, not a double click:
 * the n-th copy of a body reuses the n-th live intent with that body, or starts a fresh one.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SubmitTaskBody } from '../../api/schemas';
import { intentFingerprint, OUTBOX_DEFAULTS, type IntentPlan, type OutboxEntry } from '../../lib/outbox';
import { useSyncEngine } from '../../sync/hooks';
import { useOutboxStore } from '../../sync/outboxStore';
import type { SyncEngine } from '../../sync/syncEngine';

export interface SubmitAttempt {
  ids: readonly string[];
  bodies: readonly SubmitTaskBody[];
  /** at least one task of this click was already on its way (or just acknowledged) */
  duplicate: boolean;
  /** every task of this click had been acknowledged before it: nothing new to wait for */
  alreadyAcknowledged: boolean;
}

export type SubmitPhase = 'sending' | 'submitted' | 'failed' | null;

type EntryState = OutboxEntry['state'] | 'gone';
const NO_STATES: readonly EntryState[] = [];

/** Live intents with this fingerprint, in outbox order: the ones `planIntent` would reuse. */
function liveIntents(entries: readonly OutboxEntry[], fingerprint: string, now: number): OutboxEntry[] {
  return entries.filter(
    (entry) =>
      entry.fingerprint === fingerprint &&
      (entry.state === 'pending' ||
        (entry.state === 'done' && now - (entry.ackedAt ?? 0) <= OUTBOX_DEFAULTS.duplicateWindowMs)),
  );
}

function planAll(engine: SyncEngine, bodies: readonly SubmitTaskBody[], fresh: boolean): IntentPlan[] {
  const copies = new Map<string, number>();
  return bodies.map((body) => {
    if (fresh) return engine.submit(body, { fresh: true });
    const fingerprint = intentFingerprint({ kind: 'submit', body });
    const copy = copies.get(fingerprint) ?? 0;
    copies.set(fingerprint, copy + 1);
    if (copy === 0) return engine.submit(body);
    const existing = liveIntents(useOutboxStore.getState().entries, fingerprint, Date.now())[copy];
    return existing ? { action: 'reuse', entry: existing } : engine.submit(body, { fresh: true });
  });
}

function phaseOf(states: readonly EntryState[]): SubmitPhase {
  if (states.length === 0) return null;
  if (states.includes('pending')) return 'sending';
  if (states.includes('failed')) return 'failed';
  if (states.every((state) => state === 'done')) return 'submitted';
  return null;
}

/**
 * `onAcknowledged` runs once when the server has acknowledged every task of the latest click
 * (not for a click that only found already acknowledged intents).
 */
export function useSubmitIntents(onAcknowledged: (attempt: SubmitAttempt) => void) {
  const engine = useSyncEngine();
  const [attempt, setAttempt] = useState<SubmitAttempt | null>(null);
  const states = useOutboxStore(
    useShallow((state) =>
      attempt ? attempt.ids.map((id): EntryState => state.entries.find((entry) => entry.id === id)?.state ?? 'gone') : NO_STATES,
    ),
  );
  const acknowledged = useEffectEvent(onAcknowledged);

  useEffect(() => {
    if (!attempt) return;
    const allDone = (entries: readonly OutboxEntry[]) =>
      attempt.ids.every((id) => entries.find((entry) => entry.id === id)?.state === 'done');
    if (attempt.alreadyAcknowledged) return;
    // The answer may have come between the click and this effect.
    if (allDone(useOutboxStore.getState().entries)) {
      acknowledged(attempt);
      return;
    }
    return useOutboxStore.subscribe((state, previous) => {
      if (state.entries !== previous.entries && allDone(state.entries) && !allDone(previous.entries)) acknowledged(attempt);
    });
  }, [attempt]);

  function submit(bodies: readonly SubmitTaskBody[], options: { fresh?: boolean } = {}) {
    const plans = planAll(engine, bodies, options.fresh ?? false);
    setAttempt({
      ids: plans.map((plan) => plan.entry.id),
      bodies,
      duplicate: plans.some((plan) => plan.action === 'reuse'),
      alreadyAcknowledged: plans.every((plan) => plan.entry.state === 'done'),
    });
  }

  return { attempt, phase: phaseOf(states), submit };
}
