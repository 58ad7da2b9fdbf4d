/**
 * The user's language choice, remembered across reloads. `null` means "follow the browser".
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { detectLocale, loadMessages, translator, type Locale, type Translate } from './i18n';

interface LocaleState {
  choice: Locale | null;
  /** sets the language once its messages are loaded */
  localeChosen: (choice: Locale | null) => Promise<void>;
}

export const useLocaleStore = create<LocaleState>()(
  persist(
    (set) => ({
      choice: null,
      localeChosen: async (choice) => {
        await loadMessages(choice ?? browserLocale());
        set({ choice });
      },
    }),
    { name: 'task-center:locale', partialize: (state) => ({ choice: state.choice }) },
  ),
);

export function browserLocale(): Locale {
  return detectLocale(typeof navigator === 'undefined' ? undefined : navigator.languages);
}

export function useLocale(): Locale {
  const choice = useLocaleStore((state) => state.choice);
  return choice ?? browserLocale();
}

export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

/** For code outside React (notifications, the error-log report). */
export function currentTranslator(): Translate {
  return translator(useLocaleStore.getState().choice ?? browserLocale());
}

/** The language the page starts in: the remembered choice, else the browser's. */
export function initialLocale(): Locale {
  return useLocaleStore.getState().choice ?? browserLocale();
}
