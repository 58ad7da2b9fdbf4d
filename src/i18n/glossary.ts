/**
 * Names the server sends in one language — task types, stages, parameters — shown in the user's
 * language when the app knows the key, else as the server sent them.
 */
import type { MessageKey, Translate } from './i18n';

export type GlossaryKind = 'typeName' | 'stageName' | 'paramName';

export function glossaryLabel(t: Translate, kind: GlossaryKind, key: string, fallback: string): string {
  const messageKey = `${kind}.${key}` as MessageKey;
  const label = t(messageKey);
  return label === messageKey ? fallback : label;
}
