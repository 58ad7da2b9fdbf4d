import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithServices } from '../../test/utils/renderWithServices';
import { LanguageSwitch, ThemeSwitch } from './HeaderControls';
import { SettingsMenu } from './SettingsMenu';

function renderMenu() {
  return renderWithServices(
    <>
      <SettingsMenu>
        <LanguageSwitch />
        <ThemeSwitch />
      </SettingsMenu>
      <p>elsewhere</p>
    </>,
  );
}

describe('SettingsMenu', () => {
  it('opens on its button and closes with Escape, giving focus back to the button', async () => {
    const user = userEvent.setup();
    renderMenu();
    const button = screen.getByRole('button', { name: 'Settings' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('combobox', { name: 'Theme' })).toBeNull();

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'dark');
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');

    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
    expect(screen.queryByRole('combobox', { name: 'Language' })).toBeNull();
  });

  it('closes when the user clicks elsewhere', async () => {
    const user = userEvent.setup();
    renderMenu();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('group', { name: 'Settings' })).toBeVisible();
    await user.click(screen.getByText('elsewhere'));
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-expanded', 'false');
  });
});
