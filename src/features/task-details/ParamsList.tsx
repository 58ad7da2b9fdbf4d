/**
 * The submitted parameters as a definition list, labelled as the submit form labels them: the
 * task type's parameter specs in the user's language (known names translated, else the server's
 * label), never the raw name unless the type no longer has that parameter. Select values show
 * their option's label, booleans a yes or no; every value is text (objects as JSON).
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { ParamSpec } from '../../api/schemas';
import { glossaryLabel } from '../../i18n/glossary';
import type { Translate } from '../../i18n/i18n';
import { useT } from '../../i18n/localeStore';
import { paramText } from '../../lib/errorReport';
import { optionLabel, optionValue } from '../../lib/paramForm';
import { useSyncEngine } from '../../sync/hooks';
import { taskTypesQuery } from '../../sync/queries';

export function ParamsList({ type, params }: { type: string; params: Record<string, unknown> }) {
  const t = useT();
  const headingId = useId();
  const engine = useSyncEngine();
  const specs = useQuery(taskTypesQuery(engine.client)).data?.find((candidate) => candidate.type === type)?.params ?? [];
  const entries = Object.entries(params);
  return (
    <section className="td-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('details.params')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('details.none')}</p>
      ) : (
        <dl className="td-params">
          {entries.map(([name, value]) => {
            const spec = specs.find((candidate) => candidate.name === name);
            return (
              <div key={name} className="td-param">
                <dt>{glossaryLabel(t, 'paramName', name, spec?.label ?? name)}</dt>
                <dd>{valueText(spec, value, t)}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}

function valueText(spec: ParamSpec | undefined, value: unknown, t: Translate): string {
  if (typeof value === 'boolean') return value ? t('details.yes') : t('details.no');
  if (spec?.kind === 'select' && (typeof value === 'string' || typeof value === 'number')) {
    const option = spec.options?.find((candidate) => optionValue(candidate) === String(value));
    if (option) return optionLabel(option);
  }
  return paramText(value);
}
