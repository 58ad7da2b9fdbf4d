/**
 * The server clock in the browser: React's way to the engine's `ServerClock` (the offset between
 * the server's clock and this one), and the feeds that sample it — every answer of the API client
 * (its `Date` header) and every `serverTime` the server sends (the list envelope, the stream's
 * heartbeats). Components that put a server timestamp next to "now" translate it through
 * `useServerTimeline()`.
 */
import { useContext } from 'react';
import { fixedTimeline, type ServerClock, type ServerTimeline } from '../lib/serverClock';
import { SyncEngineContext } from './hooks';

const AGREEING_CLOCKS = fixedTimeline(0);

/** The engine's server clock; clocks that agree where there is no engine (isolated component tests). */
export function useServerTimeline(): ServerTimeline {
  return useContext(SyncEngineContext)?.serverClock ?? AGREEING_CLOCKS;
}

/** What the API client reports of every answer (see `ApiClientOptions.onResponse`). */
export interface AnswerTiming {
  sentAt: number;
  receivedAt: number;
  /** the `Date` header as epoch ms, null when absent or not exposed */
  date: number | null;
}

/** The API client's response hook: each answer's `Date` header is a sample of the server's clock. */
export function sampleAnswerDate(clock: ServerClock): (timing: AnswerTiming) => void {
  return (timing) => {
    clock.sampleDate(timing.date, timing.sentAt, timing.receivedAt);
  };
}
