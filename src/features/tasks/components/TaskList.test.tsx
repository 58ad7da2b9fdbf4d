import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Task } from '../../../api/schemas';
import { iso, makeTask, stagesAt } from '../../../../test/utils/taskFactory';
import { renderWithServices } from '../../../../test/utils/renderWithServices';
import { TaskList } from './TaskList';
import type { TaskRowActions } from './TaskRow';

const actions: TaskRowActions = {
  open: vi.fn(),
  toggleSelected: vi.fn(),
  cancel: vi.fn(),
  retry: vi.fn(),
  runAgain: vi.fn(),
  remove: vi.fn(),
};

function renderList(tasks: Task[], onRowRender?: (id: string) => void) {
  const props = {
    openTaskId: null,
    typeLabels: { image: 'Image' },
    actions,
    emptyText: 'Nothing here',
    onRowRender,
  };
  const view = renderWithServices(<TaskList tasks={tasks} {...props} />);
  return { ...view, rerenderWith: (next: Task[]) => view.rerender(<TaskList tasks={next} {...props} />) };
}

describe('TaskList', () => {
  // Building 10,000 tasks takes a few seconds on a busy machine.
  it('renders only the rows in view out of 10,000, each knowing its place in the set', { timeout: 30_000 }, () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) => makeTask({ id: `t${i}`, title: `Task number ${i}` }));
    renderList(tasks);
    const items = screen.getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(40);
    expect(items[0]).toHaveAttribute('aria-setsize', '10000');
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
  });

  afterEach(() => vi.useRealTimers());

  it('sizes itself from its ResizeObserver, never reading its size or scrolling inside the commit', () => {
    // Reading clientHeight before the first layout forces one inside React's commit: the longest
    // task of the first screen on a phone. The observer reports after the browser's own layout.
    const observers: Array<() => void> = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: (entries: ResizeObserverEntry[]) => void) {
          observers.push(() => this.callback([]));
        }
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    let height = 0;
    const reads = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(() => height);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => (height > 0 ? 1200 : 0));
    // Scrolling (even to where it is) forces a layout too: a new list is already at its top.
    const scrollTo = vi.fn();
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', { value: scrollTo, configurable: true, writable: true });
    onTestFinished(() => {
      delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
    });
    const tasks = Array.from({ length: 200 }, (_, i) => makeTask({ id: `t${i}`, title: `Task number ${i}` }));
    renderList(tasks);
    expect(reads).not.toHaveBeenCalled();
    expect(scrollTo).not.toHaveBeenCalled();
    const guessed = screen.getAllByRole('listitem').length;
    expect(guessed).toBeGreaterThan(8); // a window-high guess (jsdom: 768 px)

    height = 140; // two rows' worth, as the browser laid it out
    act(() => observers.forEach((notify) => notify()));
    expect(reads).toHaveBeenCalled();
    expect(screen.getAllByRole('listitem').length).toBeLessThan(guessed);
  });

  /**
   * The screen's clock stands at the moment the task was measured: nothing to extrapolate yet.
   * (Not earlier than the real clock: the shared clock may already have ticked at real time.)
   */
  const atMeasurement = () => {
    const now = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    return { startedAt: iso(now - 30_000), updatedAt: iso(now) };
  };

  it('shows the stage bar as a progressbar with the weighted percentage and the stage in words', () => {
    const task = makeTask({ title: 'Poster', stages: stagesAt(1, 0.5), ...atMeasurement() });
    renderList([task]);
    const bar = screen.getByRole('progressbar', { name: 'Progress of Poster' });
    expect(bar).toHaveAttribute('aria-valuenow', '45');
    expect(bar).toHaveAttribute('aria-valuetext', '45% — Inference running 50%');
  });

  it('re-renders only the rows whose task changed', () => {
    const tasks = Array.from({ length: 20 }, (_, i) => makeTask({ id: `r${i}`, version: 1 }));
    const renders: string[] = [];
    const view = renderList(tasks, (id) => renders.push(id));
    renders.length = 0;
    const next = tasks.map((task, i) => (i % 5 === 0 ? { ...task, version: 2, progress: 0.9 } : task));
    view.rerenderWith(next);
    expect(renders.sort()).toEqual(['r0', 'r10', 'r15', 'r5']);
  });

  it('never moves a bar backwards within an attempt, and starts over on a retry', () => {
    const task = makeTask({ id: 'mono', title: 'Mono', stages: stagesAt(1, 0.5), version: 1, ...atMeasurement() });
    const view = renderList([task]);
    const bar = () => screen.getByRole('progressbar', { name: 'Progress of Mono' });
    expect(bar()).toHaveAttribute('aria-valuenow', '45');
    view.rerenderWith([{ ...task, version: 2, stages: stagesAt(1, 0.3) }]); // a lagging answer
    expect(bar()).toHaveAttribute('aria-valuenow', '45');
    view.rerenderWith([{ ...task, version: 3, attempt: 2, stages: stagesAt(1, 0.1) }]); // retried
    expect(bar()).toHaveAttribute('aria-valuenow', '17');
  });

  it('renders titles with markup as inert text', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const { container } = renderList([makeTask({ title: payload })]);
    expect(screen.getByRole('button', { name: `Open details of ${payload}` })).toHaveTextContent(payload);
    expect(container.querySelector('img')).toBeNull();
  });

  it('offers the actions that fit the status', () => {
    const failed = makeTask({
      title: 'Broken',
      status: 'failed',
      error: { code: 'content_policy', message: 'no', retryable: false, stage: 'inference', traceId: 't' },
    });
    const running = makeTask({ title: 'Busy', status: 'running' });
    renderList([failed, running]);
    const [failedRow, runningRow] = screen.getAllByRole('listitem');
    // A final error: retrying would fail the same way, so no Retry; editing is the step that helps.
    expect(within(failedRow!).queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(within(failedRow!).getByRole('button', { name: 'Run again with the same parameters: Broken' })).toBeEnabled();
    expect(within(failedRow!).getByRole('button', { name: 'Edit and run again: Broken' })).toBeEnabled();
    expect(within(runningRow!).getByRole('button', { name: 'Cancel Busy' })).toBeEnabled();
    expect(within(runningRow!).queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('offers Retry for an error that may pass', () => {
    const flaky = makeTask({
      title: 'Flaky',
      status: 'failed',
      attempt: 3,
      error: { code: 'gpu_oom', message: 'out of memory', retryable: true, stage: 'inference', traceId: 't' },
    });
    renderList([flaky]);
    expect(screen.getByRole('button', { name: 'Retry Flaky from the failed stage' })).toBeEnabled();
  });

  it('shows unseen completions first as a "Just finished" group that collapses, then the rest under their order', async () => {
    const user = userEvent.setup();
    const done = [makeTask({ title: 'Fresh one', status: 'succeeded' }), makeTask({ title: 'Fresh two', status: 'failed' })];
    const rest = [makeTask({ title: 'Older' })];
    const onToggle = vi.fn();
    const onMarkSeen = vi.fn();
    const props = { tasks: rest, sortLabel: 'Priority', openTaskId: null, typeLabels: {}, actions, emptyText: '' };
    const view = renderWithServices(
      <TaskList {...props} justFinished={{ tasks: done, collapsed: false, onToggle, onMarkSeen }} />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Just finished (2)'),
      expect.stringContaining('Fresh one'),
      expect.stringContaining('Fresh two'),
      'Other tasks · Priority',
      expect.stringContaining('Older'),
    ]);
    expect(items[0]).toHaveAttribute('aria-setsize', '5');
    const toggle = screen.getByRole('button', { name: 'Just finished (2)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(onToggle).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Mark as seen' }));
    expect(onMarkSeen).toHaveBeenCalledTimes(1);

    view.rerender(<TaskList {...props} justFinished={{ tasks: done, collapsed: true, onToggle, onMarkSeen }} />);
    expect(screen.getByRole('button', { name: 'Just finished (2)' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Open details of Fresh one' })).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Open details of Older' })).toBeInTheDocument();
  });

  it('keeps the row of a task that joins the "Just finished" group (and its focus)', () => {
    const tasks = Array.from({ length: 6 }, (_, i) => makeTask({ id: `t${i}`, title: `Task ${i}` }));
    const group = (pinned: Task[]) => ({ tasks: pinned, collapsed: false, onToggle: vi.fn(), onMarkSeen: vi.fn() });
    const props = { sortLabel: 'Newest', openTaskId: null, typeLabels: {}, actions, emptyText: '' };
    const view = renderWithServices(<TaskList {...props} tasks={tasks} justFinished={group([])} />);
    const open = screen.getByRole('button', { name: 'Open details of Task 4' });
    open.focus();
    const finished = { ...tasks[4]!, status: 'succeeded' as const };
    view.rerender(<TaskList {...props} tasks={tasks.filter((task) => task.id !== 't4')} justFinished={group([finished])} />);
    expect(screen.getAllByRole('listitem')[1]).toHaveTextContent('Task 4');
    expect(screen.getByRole('button', { name: 'Open details of Task 4' })).toBe(open);
    expect(open).toHaveFocus();
  });

  it('has no group headings while nothing finished unseen', () => {
    const props = { tasks: [makeTask({ title: 'Only' })], openTaskId: null, typeLabels: {}, actions, emptyText: '' };
    renderWithServices(<TaskList {...props} justFinished={{ tasks: [], collapsed: false, onToggle: vi.fn(), onMarkSeen: vi.fn() }} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.queryByText(/Other tasks/)).toBeNull();
  });

  it('marks user text for the browser to find its direction (a right-to-left title is cut at its end)', () => {
    renderList([makeTask({ title: 'مهمة جديدة' })]);
    expect(screen.getByText('مهمة جديدة')).toHaveAttribute('dir', 'auto');
  });

  it('says so when there is nothing to show', () => {
    renderList([]);
    expect(screen.getByText('Nothing here')).toBeInTheDocument();
  });
});
