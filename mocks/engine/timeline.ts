/**
 * The scheduler's agenda: a binary min-heap of (time, task) events. Advancing jumps from event
 * to event instead of stepping through ticks, so a day of simulated work costs as many steps as
 * it has stage boundaries. Entries go stale when a task is rescheduled or leaves the running
 * set; each task's current `token` tells the live entry from stale ones. Tokens are never reused,
 * so a stale entry cannot come back to life when a task is scheduled again after a retry.
 */
export interface TimelineEntry {
  at: number;
  taskId: string;
  token: number;
}

export class Timeline {
  private heap: TimelineEntry[] = [];
  private tokens = new Map<string, number>();
  private lastToken = 0;

  /** Replaces any earlier event of `taskId` with one at `at`. */
  schedule(taskId: string, at: number): void {
    const token = ++this.lastToken;
    this.tokens.set(taskId, token);
    this.push({ at, taskId, token });
  }

  /** Forgets the pending event of `taskId`. */
  cancel(taskId: string): void {
    this.tokens.delete(taskId);
  }

  /** The earliest live event, if any, without removing it. */
  peek(): TimelineEntry | undefined {
    this.dropStale();
    return this.heap[0];
  }

  /** Removes and returns the earliest live event. */
  pop(): TimelineEntry | undefined {
    this.dropStale();
    return this.take();
  }

  clear(): void {
    this.heap = [];
    this.tokens.clear();
  }

  private dropStale(): void {
    let top = this.heap[0];
    while (top && this.tokens.get(top.taskId) !== top.token) {
      this.take();
      top = this.heap[0];
    }
  }

  private push(entry: TimelineEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, heap[parent] as TimelineEntry)) break;
      heap[index] = heap[parent] as TimelineEntry;
      index = parent;
    }
    heap[index] = entry;
  }

  private take(): TimelineEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as TimelineEntry, heap[left] as TimelineEntry) ? right : left;
      if (!before(heap[child] as TimelineEntry, last)) break;
      heap[index] = heap[child] as TimelineEntry;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

/** Earlier time first; ties in task id order, so replays are deterministic. */
function before(a: TimelineEntry, b: TimelineEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.taskId < b.taskId);
}
