/**
 * Whether what the screen shows may be out of date, and why: offline, the page in the background,
 * or requests failing. ETAs freeze and grey while data is stale.
 */
export interface Staleness {
  reason: 'offline' | 'hidden' | 'failing';
  /** when the data stopped being fresh (the ETA freezes at this moment) */
  since: number;
}
