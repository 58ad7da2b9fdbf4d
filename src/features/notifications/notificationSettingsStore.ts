/**
 * The user's notification settings, remembered across reloads: system notifications on or off
 * (the wish; the browser's permission is separate and read live), the completion sound and the
 * vibration (phones).
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface NotificationSettingsState {
  /** the user wants system notifications while the page is hidden */
  enabled: boolean;
  /** a short beep with every announcement */
  sound: boolean;
  /** a short vibration with every announcement, where the device can (phones); off by default */
  vibrate: boolean;
  notificationsToggled: (enabled: boolean) => void;
  soundToggled: (sound: boolean) => void;
  vibrateToggled: (vibrate: boolean) => void;
}

export const useNotificationSettings = create<NotificationSettingsState>()(
  persist(
    (set) => ({
      enabled: false,
      sound: false,
      vibrate: false,
      notificationsToggled: (enabled) => set({ enabled }),
      soundToggled: (sound) => set({ sound }),
      vibrateToggled: (vibrate) => set({ vibrate }),
    }),
    {
      name: 'task-center:notification-settings',
      partialize: (state) => ({ enabled: state.enabled, sound: state.sound, vibrate: state.vibrate }),
    },
  ),
);

export const useNotificationsEnabled = () => useNotificationSettings((state) => state.enabled);
export const useSoundEnabled = () => useNotificationSettings((state) => state.sound);
export const useVibrateEnabled = () => useNotificationSettings((state) => state.vibrate);
export const useNotificationSettingsActions = () => {
  const notificationsToggled = useNotificationSettings((state) => state.notificationsToggled);
  const soundToggled = useNotificationSettings((state) => state.soundToggled);
  const vibrateToggled = useNotificationSettings((state) => state.vibrateToggled);
  return { notificationsToggled, soundToggled, vibrateToggled };
};
