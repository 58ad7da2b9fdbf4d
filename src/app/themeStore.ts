/**
 * Light or dark: follows `prefers-color-scheme` until the user picks one, and remembers the pick.
 * The theme is applied as `data-theme` on <html>; the CSS tokens do the rest.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface ThemeState {
  choice: ThemeChoice;
  themeChosen: (choice: ThemeChoice) => void;
}

export const useThemeStore = create<ThemeState>()(
  persist((set) => ({ choice: 'system', themeChosen: (choice) => set({ choice }) }), {
    name: 'task-center:theme',
    partialize: (state) => ({ choice: state.choice }),
  }),
);

function systemTheme(): 'light' | 'dark' {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Keeps <html data-theme> in step with the choice and, for "system", with the OS setting. */
export function useApplyTheme(): void {
  const choice = useThemeStore((state) => state.choice);
  useEffect(() => {
    const apply = () => {
      document.documentElement.dataset.theme = choice === 'system' ? systemTheme() : choice;
    };
    apply();
    if (choice !== 'system' || !window.matchMedia) return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [choice]);
}
