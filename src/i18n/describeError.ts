/**
 * Any error as plain words for people: what happened, then the server's own detail and trace id
 * when it sent problem details.
 */
import { toApiError } from '../api/errors';
import type { Locale, Translate } from './i18n';
import { formatClock } from '../lib/format';

export function describeError(error: unknown, t: Translate, locale: Locale, now: number = Date.now()): string {
  const apiError = toApiError(error);
  let text: string;
  if (apiError.code === 'cooling_down') {
    text = t('error.coolingDown', { time: formatClock(now + (apiError.retryAfterMs ?? 0), locale) });
  } else {
    switch (apiError.kind) {
      case 'network':
      case 'aborted':
        text = t('error.network');
        break;
      case 'timeout':
        text = t('error.timeout');
        break;
      case 'malformed':
        text = t('error.malformed');
        break;
      case 'http':
        text = t('error.http', { status: apiError.status ?? '?' });
        break;
    }
  }
  const detail = apiError.detail || (apiError.kind === 'http' ? apiError.title : '');
  const parts = [text];
  if (detail && apiError.code !== 'cooling_down') parts.push(detail);
  if (apiError.traceId) parts.push(`(${t('error.trace', { traceId: apiError.traceId })})`);
  return parts.join(' ');
}
