/**
 * What an ETA needs besides the task — the duration history, the concurrency and whether data is
 * stale — handed down by context so that only the ETA text re-renders when they change, not the
 * rows around it.
 */
import { createContext, useContext } from 'react';
import type { DurationHistory } from '../../../lib/historyEta';
import type { Staleness } from '../../../sync/staleness';

export interface EtaInputs {
  history: DurationHistory;
  maxConcurrent: number;
  staleness: Staleness | null;
}

export const EtaInputsContext = createContext<EtaInputs>({ history: {}, maxConcurrent: 1, staleness: null });

export const useEtaInputs = () => useContext(EtaInputsContext);
