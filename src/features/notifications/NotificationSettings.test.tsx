import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithServices } from '../../../test/utils/renderWithServices';
import { NotificationSettings } from './NotificationSettings';
import { useNotificationSettings } from './notificationSettingsStore';
import { stubNotification } from './testNotifications';

beforeEach(() => {
  useNotificationSettings.setState({ enabled: false, sound: false, vibrate: false });
});

const notifySwitch = () => screen.getByRole('switch', { name: 'Notify me when tasks finish' });

describe('NotificationSettings', () => {
  it('asks for permission on the click, never on render', async () => {
    const fake = stubNotification('default', 'granted');
    const { user } = renderWithServices(<NotificationSettings />);
    expect(notifySwitch()).not.toBeChecked();
    expect(fake.requestPermission).not.toHaveBeenCalled();

    await user.click(notifySwitch());

    expect(fake.requestPermission).toHaveBeenCalledTimes(1);
    expect(notifySwitch()).toBeChecked();
    expect(JSON.parse(localStorage.getItem('task-center:notification-settings') ?? '{}')).toMatchObject({ state: { enabled: true } });
  });

  it('does not ask again when permission was granted before', async () => {
    const fake = stubNotification('granted');
    const { user } = renderWithServices(<NotificationSettings />);
    await user.click(notifySwitch());
    expect(notifySwitch()).toBeChecked();
    await user.click(notifySwitch());
    expect(notifySwitch()).not.toBeChecked();
    expect(useNotificationSettings.getState().enabled).toBe(false);
    expect(fake.requestPermission).not.toHaveBeenCalled();
  });

  it('says that notifications are blocked when the user refuses', async () => {
    stubNotification('default', 'denied');
    const { user } = renderWithServices(<NotificationSettings />);
    expect(screen.getByRole('status')).toHaveTextContent('');
    await user.click(notifySwitch());
    expect(notifySwitch()).not.toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent(/blocked in this browser/);
  });

  it('says that the browser has no notifications', async () => {
    vi.stubGlobal('Notification', undefined);
    const { user } = renderWithServices(<NotificationSettings />);
    await user.click(notifySwitch());
    expect(notifySwitch()).not.toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent(/no system notifications/);
  });

  it('picks up a permission granted in the browser settings when the window regains focus', () => {
    const fake = stubNotification('denied');
    useNotificationSettings.setState({ enabled: true });
    renderWithServices(<NotificationSettings />);
    expect(notifySwitch()).not.toBeChecked();
    fake.permission = 'granted';
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(notifySwitch()).toBeChecked();
  });

  it('remembers the sound switch', async () => {
    stubNotification('default');
    const { user } = renderWithServices(<NotificationSettings />);
    const sound = screen.getByRole('switch', { name: 'Sound' });
    await user.click(sound);
    expect(sound).toBeChecked();
    expect(JSON.parse(localStorage.getItem('task-center:notification-settings') ?? '{}')).toMatchObject({ state: { sound: true } });
  });

  it('offers vibration, off by default, only where the device can vibrate; switching it on buzzes once', async () => {
    stubNotification('default');
    const first = renderWithServices(<NotificationSettings />);
    expect(screen.queryByRole('switch', { name: 'Vibrate' })).toBeNull();
    first.unmount();

    const buzz = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: buzz });
    try {
      const { user } = renderWithServices(<NotificationSettings />);
      const vibrate = screen.getByRole('switch', { name: 'Vibrate' });
      expect(vibrate).not.toBeChecked();
      await user.click(vibrate);
      expect(vibrate).toBeChecked();
      expect(buzz).toHaveBeenCalledWith([60]);
      expect(JSON.parse(localStorage.getItem('task-center:notification-settings') ?? '{}')).toMatchObject({ state: { vibrate: true } });
    } finally {
      Reflect.deleteProperty(navigator, 'vibrate');
    }
  });
});
