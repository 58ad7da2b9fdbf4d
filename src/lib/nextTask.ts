/**
 * Resolves in a new task, letting the browser paint and handle input in between: a long piece of
 * start-up work split with it does not block the page for its whole length. `scheduler.yield()`
 * where the browser has it (the continuation keeps its place ahead of other tasks), else a
 * zero-delay message, which — unlike `setTimeout` — is not clamped to 4 ms when nested.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
