/**
 * The mock config form: one labelled input per field, fault shares on ranges with their value
 * shown beside them, the push channel's mode as a choice, number inputs for the rest (empty =
 * none where the contract allows null). Apply sends only the fields that changed; it stays
 * disabled until something did.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api/client';
import type { MockConfig } from '../../api/mockConfig';
import { showToast } from '../../components/toast/toastStore';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatRatio } from '../../lib/statsSummary';
import { useSyncEngine } from '../../sync/hooks';
import {
  changedFields,
  draftFrom,
  FAULT_FIELDS,
  LATENCY_FIELDS,
  OTHER_FIELDS,
  parseDraft,
  PUSH_CHOICES,
  PUSH_FIELDS,
  type FieldProblem,
  type MockDraft,
  type MockFieldSpec,
} from './mockConfigForm';
import { mockQueryKeys, updateMockConfig } from './mockControls';

export function MockConfigForm({ config, client }: { config: MockConfig; client: ApiClient }) {
  const t = useT();
  const locale = useLocale();
  const faultsId = useId();
  const pushId = useId();
  const engine = useSyncEngine();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<MockDraft>(() => draftFrom(config));
  const parsed = parseDraft(draft);
  const patch = parsed.ok ? changedFields(config, parsed.values) : null;
  const problems = parsed.ok ? {} : parsed.problems;

  const apply = useMutation({
    mutationFn: (body: NonNullable<typeof patch>) => updateMockConfig(client, body),
    onSuccess: (next) => {
      queryClient.setQueryData(mockQueryKeys.config, next);
      showToast({ kind: 'success', text: t('mock.applied') });
      engine.pollNow('user');
    },
    onError: (error) => showToast({ kind: 'error', text: describeError(error, t, locale) }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (patch && Object.keys(patch).length > 0) apply.mutate(patch);
  };
  const fieldProps = (spec: MockFieldSpec) => ({
    spec,
    value: draft[spec.name],
    problem: problems[spec.name],
    onChange: (value: string) => setDraft((current) => ({ ...current, [spec.name]: value })),
  });

  return (
    <form className="mock-form" onSubmit={submit} noValidate>
      <div className="mock-grid">
        {LATENCY_FIELDS.map((spec) => (
          <NumberField key={spec.name} {...fieldProps(spec)} />
        ))}
      </div>
      <fieldset className="mock-faults" aria-labelledby={faultsId}>
        <legend id={faultsId}>{t('mock.faults')}</legend>
        {FAULT_FIELDS.map((spec) => (
          <ShareField key={spec.name} {...fieldProps(spec)} />
        ))}
      </fieldset>
      <div className="mock-grid">
        {OTHER_FIELDS.map((spec) =>
          spec.kind === 'share' ? <ShareField key={spec.name} {...fieldProps(spec)} /> : <NumberField key={spec.name} {...fieldProps(spec)} />,
        )}
      </div>
      <fieldset className="mock-faults mock-push" aria-labelledby={pushId}>
        <legend id={pushId}>{t('mock.pushGroup')}</legend>
        {PUSH_FIELDS.map((spec) =>
          spec.kind === 'push' ? <PushField key={spec.name} {...fieldProps(spec)} /> : <NumberField key={spec.name} {...fieldProps(spec)} />,
        )}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={!patch || Object.keys(patch).length === 0 || apply.isPending}>
        {t('mock.apply')}
      </button>
    </form>
  );
}

interface FieldProps {
  spec: MockFieldSpec;
  value: string;
  problem: FieldProblem | undefined;
  onChange: (value: string) => void;
}

function NumberField({ spec, value, problem, onChange }: FieldProps) {
  const t = useT();
  const id = useId();
  const label = t(spec.label);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        inputMode="decimal"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
      {problem && (
        <span id={`${id}-problem`} className="field-error">
          {t(problem.key, { field: label, min: problem.min, max: problem.max ?? '' })}
        </span>
      )}
    </div>
  );
}

function PushField({ spec, value, onChange }: FieldProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t(spec.label)}</label>
      <select id={id} className="input" value={value} onChange={(event) => onChange(event.target.value)}>
        {PUSH_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {t(choice.label)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ShareField({ spec, value, onChange }: FieldProps) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const shown = formatRatio(Number(value) || 0, locale);
  return (
    <div className="field mock-share">
      <label htmlFor={id}>{t(spec.label)}</label>
      <span className="mock-share-row">
        <input
          id={id}
          type="range"
          min={0}
          max={1}
          step={spec.step}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-valuetext={shown}
        />
        <output htmlFor={id} className="mock-share-value">
          {shown}
        </output>
      </span>
    </div>
  );
}
