/**
 * Test helper: reads server-sent events from a fetch Response body, frame by frame, as a browser
 * would (`retry`, `id`, `event`, `data` fields; a blank line ends an event). Not used by the app.
 */
export interface ReadEvent {
  event: string;
  id: string | null;
  data: string;
  retry: number | null;
}

export interface EventReader {
  /** the next event, or null when the stream ended; rejects after `timeoutMs` */
  next(timeoutMs?: number): Promise<ReadEvent | null>;
  /** events until one matches, or null when the stream ended first */
  until(match: (event: ReadEvent) => boolean, timeoutMs?: number): Promise<ReadEvent[] | null>;
  /** true when the stream ends within `timeoutMs` (events before the end are skipped) */
  ended(timeoutMs?: number): Promise<boolean>;
  /** every byte received so far */
  readonly text: string;
  cancel(): Promise<void>;
}

export function readEvents(response: Response): EventReader {
  if (!response.body) throw new Error('the response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  let done = false;
  const queued: ReadEvent[] = [];
  // One read at a time: a read left pending by a timeout keeps its chunk for the next call.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  const parse = () => {
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: ReadEvent = { event: 'message', id: null, data: '', retry: null };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.event = value;
        else if (field === 'id') event.id = value;
        else if (field === 'data') data.push(value);
        else if (field === 'retry') event.retry = Number(value);
      }
      event.data = data.join('\n');
      if (data.length > 0) queued.push(event);
      end = buffer.indexOf('\n\n');
    }
  };

  const next = async (timeoutMs = 5_000): Promise<ReadEvent | null> => {
    const deadline = Date.now() + timeoutMs;
    while (queued.length === 0 && !done) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms; got so far: ${text}`)), Math.max(0, deadline - Date.now()));
      });
      try {
        pending ??= reader.read();
        const chunk = await Promise.race([pending, timeout]);
        pending = null;
        if (chunk.done) done = true;
        else {
          const piece = decoder.decode(chunk.value, { stream: true });
          text += piece;
          buffer += piece;
          parse();
        }
      } finally {
        clearTimeout(timer);
      }
    }
    return queued.shift() ?? null;
  };

  return {
    next,
    async until(match, timeoutMs = 5_000) {
      const seen: ReadEvent[] = [];
      for (;;) {
        const event = await next(timeoutMs);
        if (!event) return null;
        seen.push(event);
        if (match(event)) return seen;
      }
    },
    async ended(timeoutMs = 5_000) {
      try {
        while ((await next(timeoutMs)) !== null) {
          // skip what was still on its way
        }
        return true;
      } catch {
        return false;
      }
    },
    get text() {
      return text;
    },
    cancel: () => reader.cancel(),
  };
}
