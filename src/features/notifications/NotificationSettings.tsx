/**
 * The header's notification switches. "Notify me when tasks finish" asks the browser for
 * permission on that click and never before — a prompt on page load is the surest way to be
 * blocked. When the browser says no, or has no notifications, a note says so and that completions
 * still show in the page. "Sound" adds a short beep to every announcement; "Vibrate" (only where
 * the device can, off by default) a short vibration.
 */
import { useId, useState } from 'react';
import { useT } from '../../i18n/localeStore';
import { requestNotificationPermission, useNotificationPermission } from './browserNotifications';
import { primeAudio } from './completionSound';
import { useNotificationsEnabled, useNotificationSettingsActions, useSoundEnabled, useVibrateEnabled } from './notificationSettingsStore';
import { canVibrate, vibrate } from './vibration';
import './NotificationSettings.css';

export function NotificationSettings() {
  const t = useT();
  const id = useId();
  const enabled = useNotificationsEnabled();
  const sound = useSoundEnabled();
  const vibrating = useVibrateEnabled();
  const { notificationsToggled, soundToggled, vibrateToggled } = useNotificationSettingsActions();
  const permission = useNotificationPermission();
  // The note about a blocked or missing API shows once the user asked for notifications.
  const [asked, setAsked] = useState(false);

  const on = enabled && permission === 'granted';
  const blocked = permission === 'denied' || permission === 'unsupported';
  const note = blocked && (enabled || asked) ? t(permission === 'denied' ? 'settings.notifications.denied' : 'settings.notifications.unsupported') : '';

  const notifyClicked = () => {
    if (on) {
      notificationsToggled(false);
      setAsked(false);
      return;
    }
    notificationsToggled(true);
    setAsked(true);
    if (permission === 'default') void requestNotificationPermission();
  };

  return (
    <div className="notify-settings">
      <label className="switch" htmlFor={`${id}-notify`}>
        <input
          id={`${id}-notify`}
          type="checkbox"
          role="switch"
          checked={on}
          onChange={notifyClicked}
          aria-describedby={`${id}-note`}
        />
        {t('settings.notifications')}
      </label>
      <label className="switch" htmlFor={`${id}-sound`}>
        <input
          id={`${id}-sound`}
          type="checkbox"
          role="switch"
          checked={sound}
          onChange={(event) => {
            soundToggled(event.target.checked);
            if (event.target.checked) primeAudio();
          }}
        />
        {t('settings.sound')}
      </label>
      {/* Only where the device can vibrate (phones); a switch that does nothing would mislead. */}
      {canVibrate() && (
        <label className="switch" htmlFor={`${id}-vibrate`}>
          <input
            id={`${id}-vibrate`}
            type="checkbox"
            role="switch"
            checked={vibrating}
            onChange={(event) => {
              vibrateToggled(event.target.checked);
              // A short buzz on switching on: this tap is also what lets the page vibrate later.
              if (event.target.checked) vibrate([60]);
            }}
          />
          {t('settings.vibrate')}
        </label>
      )}
      <span id={`${id}-note`} role="status" className="notify-note small">
        {note}
      </span>
    </div>
  );
}
