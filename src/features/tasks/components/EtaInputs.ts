/**
 * What an ETA needs besides the task — the duration history, the concurrency, the queue
 * positions corrected on screen and whether data is stale — handed down by context so that only
 * the ETA text re-renders when they change, not the rows around it.
 */
import { createContext, useContext } from 'react';
import type { MessageKey } from '../../../i18n/i18n';
import type { DurationHistory } from '../../../lib/historyEta';
import type { QueueCorrections } from '../../../lib/queuePositions';
import type { Staleness } from '../../../sync/staleness';

export interface EtaInputs {
  history: DurationHistory;
  maxConcurrent: number;
  staleness: Staleness | null;
  /** queue positions corrected so that no two rows share one (`lib/queuePositions.ts`) */
  queueCorrections?: QueueCorrections;
}

export const EtaInputsContext = createContext<EtaInputs>({ history: {}, maxConcurrent: 1, staleness: null });

export const useEtaInputs = () => useContext(EtaInputsContext);

/** Why data is stale, in words (for the frozen ETA and progress). */
export const STALE_REASON: Record<Staleness['reason'], MessageKey> = {
  offline: 'eta.staleReason.offline',
  hidden: 'eta.staleReason.hidden',
  failing: 'eta.staleReason.failing',
};
