/**
 * Two languages, Simplified Chinese and English. The language is chosen from the browser
 * (navigator.languages) unless the user picked one, and is remembered. Messages are plain strings
 * with `{name}` placeholders; the English table is the source of the keys, so a key missing in
 * Chinese is a type error. Each table is its own chunk: a page loads only the language it shows
 * (`loadMessages` before the first render and before a switch).
 */
import type { en } from './en';

export type Locale = 'en' | 'zh-CN';
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const tables: Partial<Record<Locale, Messages>> = {};

/** Loads a language's messages (once); resolves when `translator(locale)` can use them. */
export async function loadMessages(locale: Locale): Promise<void> {
  if (tables[locale]) return;
  tables[locale] = locale === 'zh-CN' ? (await import('./zh')).zh : (await import('./en')).en;
}

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
  // Until a table arrives (only if a caller skipped loadMessages), show English, then the key.
  const table = tables[locale] ?? tables.en;
  return (key, params) => interpolate(table?.[key] ?? key, params);
}

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}
