/**
 * What canceling a task gives up, for the question asked before it: how far it got (a canceled
 * task cannot be resumed — running it again starts from the first stage) and roughly what it has
 * cost so far (money already spent is not refunded). Pure.
 *
 * Cost so far = what earlier attempts cost (`cost.actual` sums the attempts that have finished,
 * contract 1.1) + the estimate × the share of the work done in the running attempt (its stages
 * that started at or after the attempt started). An estimate, and said to be one.
 */
import type { Task } from '../api/schemas';
import { stageCompletion, taskProgress, totalWeight } from './progress';

export interface CancelImpact {
  id: string;
  title: string;
  /** only running tasks lose anything: a queued one has not started this attempt */
  losesWork: boolean;
  /** overall progress 0..1 that a new run would have to do again */
  progress: number;
  /** money spent so far (earlier attempts + this one's share of the estimate) */
  spent: number;
  currency: string;
}

export function cancelImpact(task: Task): CancelImpact {
  const earlier = task.cost.actual ?? 0;
  const startedAt = task.startedAt ? Date.parse(task.startedAt) : NaN;
  const total = totalWeight(task.stages);
  let share = 0;
  if (task.status === 'running' && total > 0) {
    for (const stage of task.stages) {
      const stageStart = stage.startedAt ? Date.parse(stage.startedAt) : NaN;
      // Stages of this attempt; without timestamps, count what is running or done alike.
      if (Number.isNaN(startedAt) || Number.isNaN(stageStart) || stageStart >= startedAt) {
        if (stage.status === 'running' || stage.status === 'done') share += (Math.max(0, stage.weight) * stageCompletion(stage)) / total;
      }
    }
  }
  return {
    id: task.id,
    title: task.title,
    losesWork: task.status === 'running',
    progress: taskProgress(task),
    spent: earlier + task.cost.estimated * Math.min(1, share),
    currency: task.cost.currency,
  };
}

/** Canceling these asks first when any of them is running (a queued task loses nothing). */
export function cancelNeedsConfirmation(tasks: readonly Task[]): boolean {
  return tasks.some((task) => task.status === 'running');
}
