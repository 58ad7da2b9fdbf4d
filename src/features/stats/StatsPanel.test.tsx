import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTask, T0 } from '../../../test/utils/taskFactory';
import { createTestServices, renderWithServices } from '../../../test/utils/renderWithServices';
import type { Stats } from '../../api/schemas';
import type { AppServices } from '../../app/createAppServices';
import { applyDelta, emptyMirror, type TaskMirror } from '../../lib/taskMirror';
import { useEtaAccuracyStore } from '../../sync/etaAccuracyStore';
import { mirrorQueryKey } from '../../sync/taskListWriter';
import { StatsPanel } from './StatsPanel';

const STATS: Stats = {
  queued: { urgent: 1, high: 4, medium: 2, low: 0 },
  running: 2,
  maxConcurrent: 3,
  paused: false,
  totals: { total: 16, succeeded: 7, failed: 1, canceled: 0 },
  successRate: 0.875,
  meanAttempts: 1.25,
  cost: { total: 4.5, budget: 10, currency: 'USD' },
  requests: { lastMinute: 42, limitPerMinute: 120 },
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  useEtaAccuracyStore.setState({ errors: [], predictions: {} });
});
afterEach(() => {
  vi.useRealTimers();
});

function withStats(stats: Stats | null, services: AppServices = createTestServices()) {
  services.queryClient.setQueryData(mirrorQueryKey, applyDelta(emptyMirror(), { items: [makeTask()], cursor: 'c1', stats }, Date.now()));
  return services;
}

/** A poll bringing new stats, as the engine writes it. */
function poll(services: AppServices, stats: Stats, cursor: string) {
  act(() => {
    const mirror = services.queryClient.getQueryData<TaskMirror>(mirrorQueryKey) ?? emptyMirror();
    services.queryClient.setQueryData(mirrorQueryKey, applyDelta(mirror, { items: [], cursor, stats }, Date.now()));
  });
}

describe('StatsPanel', () => {
  it('shows the queue by priority as bars with their counts', () => {
    renderWithServices(<StatsPanel />, { services: withStats(STATS) });
    const queue = screen.getByRole('list', { name: /Queue/ });
    expect(queue).toHaveAccessibleName('Queue 7 queued');
    const rows = within(queue).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual(['Urgent1', 'High4', 'Medium2', 'Low0']);
    const fill = (index: number) => rows[index]?.querySelector('.queue-bar-fill') as HTMLElement;
    expect(fill(1).style.width).toBe('100%');
    expect(fill(0).style.width).toBe('25%');
    expect(fill(3).style.width).toBe('0%');
  });

  it('shows running of max, success rate, attempts and requests against the limit', () => {
    renderWithServices(<StatsPanel />, { services: withStats(STATS) });
    const figure = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling;
    expect(figure('Running')).toHaveTextContent('2 of 3');
    expect(figure('Success rate')).toHaveTextContent('87%');
    expect(figure('Attempts per task')).toHaveTextContent('1.25');
    expect(figure('Requests')).toHaveTextContent('42 / min (limit 120)');
    expect(screen.getByRole('meter', { name: 'Requests' })).toHaveAttribute('aria-valuenow', '42');
  });

  it('shows the cost as a meter against the budget', () => {
    renderWithServices(<StatsPanel />, { services: withStats(STATS) });
    const meter = screen.getByRole('meter', { name: 'Cost' });
    expect(meter).toHaveAttribute('aria-valuemin', '0');
    expect(meter).toHaveAttribute('aria-valuemax', '10');
    expect(meter).toHaveAttribute('aria-valuenow', '4.5');
    expect(meter).toHaveAttribute('aria-valuetext', '$4.50 of $10.00');
    expect(screen.getByText('$4.50 of $10.00', { selector: 'span' })).toBeInTheDocument();
  });

  it('shows only the total without a budget, and no meters without limits', () => {
    const stats: Stats = { ...STATS, cost: { ...STATS.cost, budget: null }, requests: { lastMinute: 5, limitPerMinute: null } };
    renderWithServices(<StatsPanel />, { services: withStats(stats) });
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getByText('$4.50, no budget set')).toBeInTheDocument();
    expect(screen.getByText('5 / min')).toBeInTheDocument();
  });

  it('clamps an overspent budget into the meter and keeps the real figure in its text', () => {
    renderWithServices(<StatsPanel />, { services: withStats({ ...STATS, cost: { ...STATS.cost, total: 12 } }) });
    const meter = screen.getByRole('meter', { name: 'Cost' });
    expect(meter).toHaveAttribute('aria-valuenow', '10');
    expect(meter).toHaveAttribute('aria-valuetext', '$12.00 of $10.00');
    expect(meter).toHaveClass('meter-over');
  });

  it('shows the mean ETA error of the tasks it watched, or a dash', () => {
    const view = renderWithServices(<StatsPanel />, { services: withStats(STATS) });
    const accuracy = () => screen.getByText('ETA accuracy', { selector: 'dt' }).nextElementSibling;
    expect(accuracy()).toHaveTextContent('—');
    act(() => {
      useEtaAccuracyStore.setState({ errors: [0.1, 0.3] });
    });
    expect(accuracy()).toHaveTextContent('off by 20% on average (2 tasks)');
    view.unmount();
  });

  it('shows that the queue is paused and the dashes of a fresh server', () => {
    renderWithServices(<StatsPanel />, { services: withStats({ ...STATS, paused: true, successRate: null, meanAttempts: null }) });
    expect(screen.getByText('Queue paused: nothing new starts')).toBeInTheDocument();
    expect(screen.getByText('Success rate', { selector: 'dt' }).nextElementSibling).toHaveTextContent('—');
  });

  it('says so when the server sent no stats', () => {
    renderWithServices(<StatsPanel />, { services: withStats(null) });
    expect(screen.getByText('No statistics from the server yet.')).toBeInTheDocument();
  });

  it('draws the queue depth of every poll as a sparkline with a summary', () => {
    const services = withStats(STATS);
    renderWithServices(<StatsPanel />, { services });
    expect(screen.getByRole('img', { name: /Queue depth/ })).toHaveAccessibleName('Queue depth: not enough samples yet');

    vi.setSystemTime(T0 + 20_000);
    poll(services, { ...STATS, queued: { urgent: 0, high: 2, medium: 1, low: 0 }, running: 3 }, 'c2');
    vi.setSystemTime(T0 + 45_000);
    poll(services, { ...STATS, queued: { urgent: 0, high: 1, medium: 4, low: 0 }, running: 1 }, 'c3');

    const sparkline = screen.getByRole('img', { name: /Queue depth/ });
    expect(sparkline).toHaveAccessibleName('Queue depth over the last 45s: lowest 3, highest 7, now 5 queued and 1 running');
    expect(sparkline.querySelector('.sparkline-queued')?.getAttribute('d')).toMatch(/^M2,\d+(\.\d+)?L[\d.]+,[\d.]+L238,[\d.]+$/);
  });

  it('takes no sample when a poll leaves the stats object as it was', () => {
    const services = withStats(STATS);
    renderWithServices(<StatsPanel />, { services });
    vi.setSystemTime(T0 + 10_000);
    poll(services, STATS, 'c2');
    expect(screen.getByRole('img', { name: /Queue depth/ })).toHaveAccessibleName('Queue depth: not enough samples yet');
  });
});
