/**
 * The virtualised task list: only the rows in view (plus a few) are in the DOM, so 10,000 tasks
 * scroll as smoothly as 10. Rows change height with the list's width (one line, two lines or a
 * card), so @tanstack/react-virtual measures each mounted row instead of assuming a height.
 *
 * Unseen completions come first as a "Just finished (n)" group that can be collapsed; a second
 * heading then names the order of the rest, so a change of sort visibly applies to them. Every
 * entry, headings included, is a list item that knows its position in the whole list.
 */
import { elementScroll, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState } from 'react';
import type { Task } from '../../../api/schemas';
import { useT } from '../../../i18n/localeStore';
import { lastViewportSize } from '../../../hooks/viewportSize';
import { useIsSelected } from '../store';
import { TaskRow, type TaskRowActions } from './TaskRow';
import './TaskList.css';

const OVERSCAN = 6;
/**
 * Estimated heights until a row is measured, per layout (TaskRow.css's container queries): a card
 * under 700 px of list width, else the two-line row of a laptop (one line from 1,060 px is 66).
 * Measured in Chromium; the closer they are, the less the first rows move once measured.
 */
const ESTIMATE = { card: 139, row: 83, heading: 44 } as const;
const CARD_BELOW = 700;

export interface JustFinishedGroup {
  tasks: readonly Task[];
  collapsed: boolean;
  onToggle: () => void;
  onMarkSeen: () => void;
}

export interface TaskListProps {
  /** the tasks in the chosen order (the "Just finished" ones not among them) */
  tasks: readonly Task[];
  /** unseen completions, shown first as their own group when there are any */
  justFinished?: JustFinishedGroup;
  /** the chosen order in words, for the heading over the rest when there is a group */
  sortLabel?: string;
  openTaskId: string | null;
  typeLabels: Readonly<Record<string, string>>;
  actions: TaskRowActions;
  /** shown when there is no task at all to show */
  emptyText: string;
  /** when this changes (a new sort, filter or search), the list goes back to its top */
  scrollResetKey?: string;
  onRowRender?: (id: string) => void;
}

type Entry = { kind: 'group' } | { kind: 'rest' } | { kind: 'task'; task: Task; pinned: boolean };

/** Maps a list position to what it shows, by arithmetic: no array of 10,000 entries per render. */
function entries(tasks: readonly Task[], group: JustFinishedGroup | undefined) {
  const pinned = group && group.tasks.length > 0 ? group.tasks : null;
  const pinnedShown = pinned && !group?.collapsed ? pinned.length : 0;
  const head = pinned ? 1 + pinnedShown + (tasks.length > 0 ? 1 : 0) : 0;
  return {
    count: head + tasks.length,
    at(index: number): Entry {
      if (!pinned) return { kind: 'task', task: tasks[index] as Task, pinned: false };
      if (index === 0) return { kind: 'group' };
      if (index <= pinnedShown) return { kind: 'task', task: pinned[index - 1] as Task, pinned: true };
      if (index === pinnedShown + 1) return { kind: 'rest' };
      return { kind: 'task', task: tasks[index - head] as Task, pinned: false };
    },
  };
}

export function TaskList(props: TaskListProps) {
  const { tasks, justFinished, sortLabel, openTaskId, typeLabels, actions, emptyText, scrollResetKey, onRowRender } = props;
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = entries(tasks, justFinished);
  // Cards below 700 px of list width; the window's width is the first guess (right on a phone,
  // where the list is the whole width), so the first rows are not rendered twice.
  const [card, setCard] = useState(() => {
    const { width } = lastViewportSize();
    return width > 0 && width < CARD_BELOW;
  });

  // The virtualizer hands out a new item list on every change; nothing here is auto-memoised by
  // the React Compiler, so its "incompatible library" note does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const entry = list.at(index);
      if (entry.kind !== 'task') return ESTIMATE.heading;
      return card ? ESTIMATE.card : ESTIMATE.row;
    },
    // One key per task wherever it is shown: a row that joins the "Just finished" group stays the
    // same element, and keeps focus (React moves the rows around it instead).
    getItemKey: (index) => {
      const entry = list.at(index);
      return entry.kind === 'task' ? entry.task.id : `heading:${entry.kind}`;
    },
    overscan: OVERSCAN,
    // Before the list is measured: a window-sized viewport, as a browser would start with — from
    // the first render on, so that it already holds the rows in view (no second, synchronous
    // render of them inside the commit).
    initialRect: lastViewportSize(),
    observeElementRect: (instance, notify) =>
      observeListSize(instance, (rect) => {
        if (rect === null) {
          notify(lastViewportSize());
          return;
        }
        const nextCard = rect.width > 0 && rect.width < CARD_BELOW;
        setCard((previous) => (previous === nextCard ? previous : nextCard));
        notify({ width: rect.width, height: rect.height > 0 ? rect.height : lastViewportSize().height });
      }),
    measureElement: measureOrEstimate,
    scrollToFn: scrollUnlessNew,
  });

  // Not on mount (the list starts at its top): writing scrollTop forces a layout.
  const resetKey = useRef(scrollResetKey);
  useEffect(() => {
    if (resetKey.current === scrollResetKey) return;
    resetKey.current = scrollResetKey;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [scrollResetKey]);

  if (list.count === 0) {
    return <p className="task-list-empty">{emptyText}</p>;
  }

  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scrollRef} className="task-list-scroll" tabIndex={-1}>
      <div role="list" aria-label={t('list.label')} className="task-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = list.at(item.index);
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="listitem"
              aria-setsize={list.count}
              aria-posinset={item.index + 1}
              className={`task-list-item${entry.kind === 'task' ? '' : ' task-list-heading'}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {entry.kind === 'group' && justFinished ? (
                <JustFinishedHeading group={justFinished} />
              ) : entry.kind === 'rest' ? (
                <span className="task-list-rest">{t('list.rest', { sort: sortLabel ?? '' })}</span>
              ) : entry.kind === 'task' ? (
                <SelectableRow
                  task={entry.task}
                  pinned={entry.pinned}
                  active={entry.task.id === openTaskId}
                  typeLabel={typeLabels[entry.task.type] ?? entry.task.type}
                  actions={actions}
                  onRender={onRowRender}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Scrollers the virtualizer has written to. */
const written = new WeakSet<Element>();

/**
 * The virtualizer's scroll writes, except the first one to a new scroller when it is to the top:
 * a new element is already there, and the write (the library's default on mount) would force a
 * layout of the whole page inside React's commit.
 */
function scrollUnlessNew(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>) {
  const element = instance.scrollElement;
  if (element && !written.has(element)) {
    written.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}

/**
 * The scroller's size as its ResizeObserver reports it, after the browser's own layout: `null`
 * first (the caller guesses), then every size it takes. Unlike the library's default it never
 * reads `clientHeight` before the first layout, which would force a layout of the whole page
 * inside React's commit — the longest task of the first screen on a phone.
 */
function observeListSize(instance: Virtualizer<HTMLDivElement, Element>, onSize: (size: { width: number; height: number } | null) => void) {
  const element = instance.scrollElement;
  if (!element) return;
  onSize(null);
  const Observer = instance.targetWindow?.ResizeObserver;
  if (!Observer) return () => {};
  // Inside the observer's callback layout is fresh, so reading the size costs nothing.
  const observer = new Observer(() => onSize({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * The height the ResizeObserver measured; when a row is first attached (no entry yet), its last
 * measured height or the estimate — never `offsetHeight`, which would force a layout of the whole
 * page inside React's commit (one long task on a phone). The observer reports the real height
 * after the browser's own layout, a frame later.
 */
function measureOrEstimate(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>) {
  const size = entry?.borderBoxSize[0]?.blockSize;
  if (size !== undefined && size > 0) return Math.round(size);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

function JustFinishedHeading({ group }: { group: JustFinishedGroup }) {
  const t = useT();
  return (
    <div className="just-finished">
      <button type="button" className="just-finished-toggle" aria-expanded={!group.collapsed} onClick={group.onToggle}>
        <span className="just-finished-chevron" aria-hidden="true">
          {group.collapsed ? '▸' : '▾'}
        </span>
        {t('list.justFinished', { count: group.tasks.length })}
      </button>
      <button type="button" className="btn btn-small" onClick={group.onMarkSeen}>
        {t('list.markGroupSeen')}
      </button>
    </div>
  );
}

type SelectableRowProps = Omit<Parameters<typeof TaskRow>[0], 'selected'>;

/** Reads its own selection flag, so toggling one checkbox re-renders one row. */
const SelectableRow = memo(function SelectableRow(props: SelectableRowProps) {
  const selected = useIsSelected(props.task.id);
  return <TaskRow {...props} selected={selected} />;
});

