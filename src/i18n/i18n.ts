/**
 * Two languages, Simplified Chinese and English. The language is chosen from the browser
 * (navigator.languages) unless the user picked one, and is remembered. Messages are plain strings
 * with `{name}` placeholders and, for counts, plural choices in the ICU form
 * `{count, plural, one {# task} other {# tasks}}`, picked with `Intl.PluralRules` of the language
 * (`=0 {…}` matches an exact number; `#` is the number in the language's format). The English
 * table is the source of the keys, so a key missing in Chinese is a type error. Each table is its own chunk: a page loads only the language it shows
 * (`loadMessages` before the first render and before a switch).
 */
import { formatNumber } from '../lib/format';
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
  return (key, params) => interpolate(table?.[key] ?? key, params, locale);
}

export function interpolate(template: string, params?: MessageParams, locale: Locale = 'en'): string {
  if (!params) return template;
  return fillPlaceholders(choosePlurals(template, params, locale), params);
}

function fillPlaceholders(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}

const PLURAL_START = /\{(\w+),\s*plural,/g;

/** Replaces every `{name, plural, …}` with the branch its number picks (`#` filled in). */
function choosePlurals(template: string, params: MessageParams, locale: Locale): string {
  let out = '';
  let from = 0;
  PLURAL_START.lastIndex = 0;
  for (let match = PLURAL_START.exec(template); match; match = PLURAL_START.exec(template)) {
    const end = matchingBrace(template, match.index);
    if (end < 0) break; // unbalanced: leave the rest as written
    const name = match[1] ?? '';
    const body = template.slice(match.index + match[0].length, end);
    const value = params[name];
    out += template.slice(from, match.index);
    out += typeof value === 'number' ? pluralBranch(body, value, locale) : template.slice(match.index, end + 1);
    from = end + 1;
    PLURAL_START.lastIndex = from;
  }
  return out + template.slice(from);
}

function pluralBranch(body: string, value: number, locale: Locale): string {
  const branches = new Map<string, string>();
  const selector = /\s*(=?\w+)\s*\{/g;
  for (let match = selector.exec(body); match; match = selector.exec(body)) {
    const open = match.index + match[0].length - 1;
    const close = matchingBrace(body, open);
    if (close < 0) break;
    branches.set(match[1] ?? '', body.slice(open + 1, close));
    selector.lastIndex = close + 1;
  }
  const chosen = branches.get(`=${value}`) ?? branches.get(pluralRules(locale).select(value)) ?? branches.get('other') ?? '';
  return chosen.replace(/#/g, formatNumber(value, locale, 3));
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const rulesByLocale = new Map<Locale, Intl.PluralRules>();
/** The language's plural rules, built once (prepareFormatters builds them ahead of the first render). */
export function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}
