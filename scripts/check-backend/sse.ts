/**
 * A server-sent events reader for the checker: opens `GET /events` with fetch, parses the
 * `text/event-stream` framing (WHATWG HTML §9.2.6: `event:`, `data:`, `id:`, `retry:` lines, a
 * blank line ends a message, `:` starts a comment) and lets a case wait for the next message
 * that matches. Unlike `EventSource` it never reconnects by itself: a case does that, with
 * `Last-Event-ID`, to check that the server resumes.
 */
export interface SseMessage {
  event: string;
  data: string;
  /** the `id:` field of this message; null when it had none */
  id: string | null;
  retry: number | null;
  /** client time of arrival */
  at: number;
}

export interface SseOpenResult {
  status: number;
  headers: Headers;
  /** the body text when the answer is not a stream (a problem, say) */
  text: string;
  stream: SseStream | null;
}

export class SseStream {
  readonly messages: SseMessage[] = [];
  private ended = false;
  private waiters: (() => void)[] = [];
  private readonly controller: AbortController;

  constructor(body: ReadableStream<Uint8Array>, controller: AbortController) {
    this.controller = controller;
    void this.pump(body);
  }

  get closed(): boolean {
    return this.ended;
  }

  /** The first message from index `from` on that matches, waiting up to `timeoutMs`; null if none. */
  async next(match: (message: SseMessage) => boolean, timeoutMs: number, from = 0): Promise<SseMessage | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.ended || Date.now() >= deadline) return null;
      await this.wait(deadline - Date.now());
    }
  }

  /** Resolves when the server ended the stream, or false after `timeoutMs`. */
  async waitForEnd(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await this.wait(deadline - Date.now());
    return this.ended;
  }

  close(): void {
    this.controller.abort();
    this.finish();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const waiter = () => done();
      this.waiters.push(waiter);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private finish(): void {
    this.ended = true;
    this.notify();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let event = '';
    let data: string[] = [];
    let id: string | null = null;
    let retry: number | null = null;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (data.length > 0 || event !== '') {
              this.messages.push({ event: event || 'message', data: data.join('\n'), id, retry, at: Date.now() });
              this.notify();
            }
            event = '';
            data = [];
            id = null;
            retry = null;
            continue;
          }
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
          else if (field === 'id') id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
        }
      }
    } catch {
      // aborted by us or the connection broke: either way the stream has ended
    }
    this.finish();
  }
}

/** Opens the stream; a non-stream answer (404, 400…) comes back with its text and no stream. */
export async function openEventStream(url: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<SseOpenResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal, cache: 'no-store' });
  } finally {
    clearTimeout(timer);
  }
  const isStream = response.ok && /text\/event-stream/i.test(response.headers.get('Content-Type') ?? '') && response.body;
  if (!isStream || !response.body) {
    const text = await response.text().catch(() => '');
    return { status: response.status, headers: response.headers, text, stream: null };
  }
  return { status: response.status, headers: response.headers, text: '', stream: new SseStream(response.body, controller) };
}
