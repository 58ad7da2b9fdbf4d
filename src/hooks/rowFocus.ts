/**
 * Where focus goes after an action on a task's row: back to the row (its title button), or — when
 * the row left the list (deleted, or filtered out after a cancel) — to the next row, else the one
 * before, else the list itself. Never to <body>, where keyboard users lose their place (and
 * Escape stops reaching the details). The place is read from the rows on screen before the action.
 */

export interface RowPlace {
  id: string;
  next: string | null;
  previous: string | null;
}

const ROW_SELECTOR = '[data-open-task]';

function rowButton(id: string | null): HTMLElement | null {
  if (id === null) return null;
  return document.querySelector<HTMLElement>(`${ROW_SELECTOR}[data-open-task="${CSS.escape(id)}"]`);
}

/** The task's place among the rows on screen now. */
export function rowPlace(id: string): RowPlace {
  const ids = [...document.querySelectorAll<HTMLElement>(ROW_SELECTOR)].map((row) => row.dataset.openTask ?? '');
  const index = ids.indexOf(id);
  return {
    id,
    next: index >= 0 ? (ids[index + 1] ?? null) : null,
    previous: index > 0 ? (ids[index - 1] ?? null) : null,
  };
}

/** Focuses the row, its next or previous neighbour, or the list, once React has rendered. */
export function focusRow(place: RowPlace, options: { afterFrames?: number } = {}): void {
  const run = () => {
    const target = rowButton(place.id) ?? rowButton(place.next) ?? rowButton(place.previous) ?? document.getElementById('task-list');
    target?.focus();
  };
  let frames = options.afterFrames ?? 1;
  if (frames <= 0) return run();
  const tick = () => (--frames <= 0 ? run() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}

/** Focus was on something the action removed (or on <body>): the row is where it goes back. */
export function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}
