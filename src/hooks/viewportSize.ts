/**
 * The window's size as last seen: read once when the app loads (the static first paint is laid
 * out by then, so the read costs nothing) and again on every `resize`. Reading `innerWidth` while
 * the page has changes waiting for layout forces that layout at once; inside React's commit that
 * made the first screen's longest task on a phone. For first guesses only (the task list's size
 * before its ResizeObserver reports).
 */
let size = read();

function read(): { width: number; height: number } {
  return typeof window === 'undefined' ? { width: 0, height: 0 } : { width: window.innerWidth, height: window.innerHeight };
}

if (typeof window !== 'undefined') {
  window.addEventListener('resize', () => {
    size = read();
  });
}

export function lastViewportSize(): { width: number; height: number } {
  return size;
}
