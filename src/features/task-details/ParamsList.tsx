/**
 * The submitted parameters as a definition list; every value is text (objects as JSON).
 */
import { useId } from 'react';
import { useT } from '../../i18n/localeStore';

export function ParamsList({ params }: { params: Record<string, unknown> }) {
  const t = useT();
  const headingId = useId();
  const entries = Object.entries(params);
  return (
    <section className="td-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('details.params')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('details.none')}</p>
      ) : (
        <dl className="td-params">
          {entries.map(([name, value]) => (
            <div key={name} className="td-param">
              <dt>{name}</dt>
              <dd>{paramText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Values come from JSON, so they always serialise; `undefined` only for odd local values.
  return JSON.stringify(value) ?? '';
}
