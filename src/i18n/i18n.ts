/**
 * Two languages, Simplified Chinese and English. The language is chosen from the browser
 * (navigator.languages) unless the user picked one, and is remembered. Messages are plain strings
 * with `{name}` placeholders; the English table is the source of the keys, so a key missing in
 * Chinese is a type error.
 */
import { en } from './en';
import { zh } from './zh';

export type Locale = 'en' | 'zh-CN';
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const tables: Record<Locale, Messages> = { en, 'zh-CN': zh };

/** The first supported language in the browser's preference list; English otherwise. */
export function detectLocale(languages: readonly string[] | undefined): Locale {
  for (const language of languages ?? []) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  const table = tables[locale];
  return (key, params) => interpolate(table[key] ?? en[key] ?? key, params);
}

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}
