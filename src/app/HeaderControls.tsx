/**
 * Language and theme switches (in the header's settings menu); both remembered across reloads.
 * The page's `lang` follows the language in App.tsx, so it is right while the menu is closed.
 */
import { useId } from 'react';
import { LOCALES, type Locale } from '../i18n/i18n';
import { useLocale, useLocaleStore, useT } from '../i18n/localeStore';
import { useThemeStore, type ThemeChoice } from './themeStore';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export function LanguageSwitch() {
  const t = useT();
  const id = useId();
  const locale = useLocale();
  const localeChosen = useLocaleStore((state) => state.localeChosen);
  return (
    <label className="check" htmlFor={id}>
      {t('settings.language')}
      <select id={id} className="select" value={locale} onChange={(event) => void localeChosen(event.target.value as Locale)}>
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {LANGUAGE_NAMES[value]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ThemeSwitch() {
  const t = useT();
  const id = useId();
  const choice = useThemeStore((state) => state.choice);
  const themeChosen = useThemeStore((state) => state.themeChosen);
  return (
    <label className="check" htmlFor={id}>
      {t('settings.theme')}
      <select id={id} className="select" value={choice} onChange={(event) => themeChosen(event.target.value as ThemeChoice)}>
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t(`settings.theme.${value}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
