/**
 * A short beep through Web Audio (an oscillator, no audio file to download): higher for a success,
 * lower for a failure. Browsers keep an AudioContext suspended until the user interacts with the
 * page, so the sound switch primes it on its click.
 */
import type { FinishedStatus } from '../../lib/notifyPolicy';

type AudioContextClass = typeof AudioContext;

const PITCH_HZ: Record<FinishedStatus, number> = { succeeded: 880, canceled: 587, failed: 330 };

let context: AudioContext | null = null;
let contextClass: AudioContextClass | null = null;

function audioContext(): AudioContext | null {
  const Ctor =
    (globalThis as { AudioContext?: AudioContextClass }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctor) return null;
  if (!context || contextClass !== Ctor) {
    try {
      context = new Ctor();
      contextClass = Ctor;
    } catch {
      return null;
    }
  }
  return context;
}

function resume(ctx: AudioContext): void {
  if (ctx.state === 'suspended') ctx.resume().catch(() => undefined);
}

/** Call from a click so later beeps are allowed to play. */
export function primeAudio(): void {
  const ctx = audioContext();
  if (ctx) resume(ctx);
}

export function beep(status: FinishedStatus = 'succeeded'): void {
  const ctx = audioContext();
  if (!ctx) return;
  resume(ctx);
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  const start = ctx.currentTime;
  oscillator.type = 'sine';
  oscillator.frequency.setValueAtTime(PITCH_HZ[status], start);
  // A soft attack and decay: no click at either end.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.15, start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
  oscillator.connect(gain);
  gain.connect(ctx.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.22);
}
