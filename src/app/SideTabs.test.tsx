import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderWithServices } from '../../test/utils/renderWithServices';
import { useLayoutStore } from './layoutStore';
import { SideTabs } from './SideTabs';

const panels = {
  submit: <p>the form</p>,
  stats: <p>the stats</p>,
};

describe('SideTabs', () => {
  beforeEach(() => useLayoutStore.setState({ sidePanel: 'submit' }));

  it('shows one region at a time; a click picks another, and the pick is remembered', async () => {
    const user = userEvent.setup();
    renderWithServices(<SideTabs panels={panels} />);
    expect(screen.getByRole('tablist', { name: 'Forms and statistics' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'New task' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'New task' })).toHaveTextContent('the form');
    expect(screen.queryByText('the stats')).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'Statistics' }));
    expect(screen.getByRole('tabpanel', { name: 'Statistics' })).toHaveTextContent('the stats');
    expect(screen.queryByText('the form')).toBeNull();
    expect(JSON.parse(localStorage.getItem('task-center:layout') ?? '{}')).toMatchObject({ state: { sidePanel: 'stats' } });
  });

  it('moves with the arrow keys, Home and End (one tab stop for the whole list)', async () => {
    const user = userEvent.setup();
    renderWithServices(<SideTabs panels={panels} />);
    const first = screen.getByRole('tab', { name: 'New task' });
    expect(screen.getByRole('tab', { name: 'Statistics' })).toHaveAttribute('tabindex', '-1');
    first.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Statistics' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Statistics' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Home}{End}');
    expect(screen.getByRole('tab', { name: 'Statistics' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Statistics' })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(first).toHaveAttribute('aria-selected', 'true');
  });

  it('offers only the panels it was given (the mock panel only on the mock)', () => {
    renderWithServices(<SideTabs panels={panels} />);
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['New task', 'Statistics']);
    renderWithServices(<SideTabs panels={{ ...panels, mock: <p>chaos</p> }} />);
    expect(screen.getAllByRole('tab', { name: 'Mock backend' })).toHaveLength(1);
  });

  it('falls back to the first tab when the remembered one is not offered', () => {
    useLayoutStore.setState({ sidePanel: 'mock' });
    renderWithServices(<SideTabs panels={panels} />);
    expect(screen.getByRole('tab', { name: 'New task' })).toHaveAttribute('aria-selected', 'true');
  });
});
