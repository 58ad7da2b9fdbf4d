import type { TaskUpdate } from '../between/betweenUpdates';

/** What a simulated client did, for the metrics: every request it sent and when it learned of each finish. */
export interface RequestRecord {
  sentAt: number;
  /** when the answer (or the failure) arrived */
  doneAt: number;
  ok: boolean;
  bytes: number;
  /** the task a per-task poll asked about; null for the batched list */
  taskId: string | null;
  /** why the engine polled (its PollReason); 'schedule' for the baselines */
  reason: string;
}

export interface ClientLog {
  requests: RequestRecord[];
  /** task id → when the client first saw it finished */
  detectedAt: Map<string, number>;
  /** every task the client received and when (for the between-updates replay) */
  updates: TaskUpdate[];
}

export function emptyLog(): ClientLog {
  return { requests: [], detectedAt: new Map(), updates: [] };
}

/** A client policy under test; the workload runner drives every one the same way. */
export interface SimClient {
  readonly log: ClientLog;
  /** the page opens (the engine starts its scheduler; baselines do nothing) */
  open(): void;
  /** the user submits this task now */
  submit(taskId: string): void;
  setVisible(visible: boolean): void;
  setOnline(online: boolean): void;
}
