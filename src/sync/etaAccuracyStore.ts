/**
 * ETA accuracy as users experienced it: when a running task passes a third of its work, the ETA
 * shown at that moment is written down as a predicted end; when the task succeeds, the error
 * against the real end is kept. The stats panel shows the mean. Kept across reloads.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { etaRelativeError } from '../lib/historyEta';

interface Prediction {
  /** on the server's clock, as are `startedAt` and the end it is scored against */
  predictedEndAt: number;
  startedAt: number;
  /** when it was made, on the client's clock (to drop the oldest open ones) */
  at: number;
}

const MAX_ERRORS = 200;
const MAX_OPEN_PREDICTIONS = 500;

interface EtaAccuracyState {
  predictions: Readonly<Record<string, Prediction>>;
  /** relative errors of finished predictions, newest last */
  errors: readonly number[];
  predictionMade: (taskId: string, prediction: Prediction) => void;
  taskFinished: (taskId: string, succeeded: boolean, endedAt: number) => void;
}

export const useEtaAccuracyStore = create<EtaAccuracyState>()(
  persist(
    (set) => ({
      predictions: {},
      errors: [],
      predictionMade: (taskId, prediction) =>
        set((state) => {
          if (state.predictions[taskId]) return state;
          const entries = Object.entries(state.predictions);
          const kept = entries.length >= MAX_OPEN_PREDICTIONS ? entries.sort((a, b) => a[1].at - b[1].at).slice(1) : entries;
          return { predictions: { ...Object.fromEntries(kept), [taskId]: prediction } };
        }),
      taskFinished: (taskId, succeeded, endedAt) =>
        set((state) => {
          const prediction = state.predictions[taskId];
          if (!prediction) return state;
          const { [taskId]: _done, ...predictions } = state.predictions;
          if (!succeeded) return { predictions };
          const error = etaRelativeError(prediction.predictedEndAt, endedAt, prediction.startedAt);
          return { predictions, errors: [...state.errors, error].slice(-MAX_ERRORS) };
        }),
    }),
    { name: 'task-center:eta-accuracy', partialize: (state) => ({ predictions: state.predictions, errors: state.errors }) },
  ),
);
