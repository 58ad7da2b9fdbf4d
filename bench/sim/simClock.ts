/**
 * A discrete-event clock for the benchmark: it implements the scheduler's `SyncClock`, and
 * `runUntil` jumps from one timer to the next without real waiting. After every timer it lets
 * pending promise callbacks run (the scheduler awaits its poll), so async code behaves as it
 * would in a browser, only with simulated time.
 */
import type { SyncClock } from '../../src/lib/sync/scheduler';

interface SimTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class SimClock implements SyncClock {
  private time: number;
  private seq = 0;
  private readonly heap: SimTimer[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): SimTimer {
    const timer: SimTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    (handle as SimTimer).cancelled = true;
  }

  /** Runs timers in time order until none is due at or before `end`, or `stop()` says so. */
  async runUntil(end: number, stop: () => boolean = () => false): Promise<void> {
    while (!stop()) {
      const timer = this.heap[0];
      if (timer === undefined || timer.at > end) break;
      this.pop();
      if (timer.cancelled) continue;
      this.time = timer.at;
      timer.fn();
      await settle();
    }
    if (!stop()) this.time = Math.max(this.time, end);
  }

  private push(timer: SimTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: SimTimer, b: SimTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Lets every queued promise callback run (setImmediate comes after the microtask queue). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
