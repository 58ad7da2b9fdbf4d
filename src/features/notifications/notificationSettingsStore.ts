/**
 * The user's notification settings, remembered across reloads: system notifications on or off
 * (the wish; the browser's permission is separate and read live), and the completion sound.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface NotificationSettingsState {
  /** the user wants system notifications while the page is hidden */
  enabled: boolean;
  /** a short beep with every announcement */
  sound: boolean;
  notificationsToggled: (enabled: boolean) => void;
  soundToggled: (sound: boolean) => void;
}

export const useNotificationSettings = create<NotificationSettingsState>()(
  persist(
    (set) => ({
      enabled: false,
      sound: false,
      notificationsToggled: (enabled) => set({ enabled }),
      soundToggled: (sound) => set({ sound }),
    }),
    {
      name: 'task-center:notification-settings',
      partialize: (state) => ({ enabled: state.enabled, sound: state.sound }),
    },
  ),
);

export const useNotificationsEnabled = () => useNotificationSettings((state) => state.enabled);
export const useSoundEnabled = () => useNotificationSettings((state) => state.sound);
export const useNotificationSettingsActions = () => {
  const notificationsToggled = useNotificationSettings((state) => state.notificationsToggled);
  const soundToggled = useNotificationSettings((state) => state.soundToggled);
  return { notificationsToggled, soundToggled };
};
