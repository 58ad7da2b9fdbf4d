/**
 * The submit form for a loaded list of task types: type, title (or one title per line in batch
 * mode), the fields the type's parameter specs ask for, priority, the cost estimate and the
 * submit button. Validation runs on submit and, after the first submit, on every change; focus
 * moves to the first invalid field. Each title becomes one outbox intent (useSubmitIntents).
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { PRIORITIES, type Priority, type ParamSpec, type TaskType } from '../../api/schemas';
import { useLocale, useT } from '../../i18n/localeStore';
import { glossaryLabel } from '../../i18n/glossary';
import { formatNumber } from '../../lib/format';
import {
  batchTitles,
  coerceParams,
  firstInvalid,
  initialValue,
  initialValues,
  validateParams,
  type FormValue,
  type FormValues,
  type ParamErrorCode,
} from '../../lib/paramForm';
import { CostEstimate } from './CostEstimate';
import { FieldError, fieldName, ParamField } from './ParamField';
import { SubmitStatus } from './SubmitStatus';
import { useSubmitIntents } from './useSubmitIntents';

const TITLE_NAME = 'task-title';
const NONE: ReadonlySet<string> = new Set();

export function SubmitForm({ types }: { types: readonly [TaskType, ...TaskType[]] }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const submittedText = useRef<string | null>(null);

  const [typeName, setTypeName] = useState(types[0].type);
  const type = types.find((candidate) => candidate.type === typeName) ?? types[0];
  const [values, setValues] = useState<FormValues>(() => initialValues(type.params));
  const [unparsable, setUnparsable] = useState<ReadonlySet<string>>(NONE);
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [batch, setBatch] = useState(false);
  const [validated, setValidated] = useState(false);

  const { attempt, phase, submit } = useSubmitIntents(() => {
    // Ready for the next one: same type and params, a new title (unless the user already typed one).
    setTitle((current) => (current === submittedText.current ? '' : current));
    setValidated(false);
  });

  const titles = batch ? batchTitles(title) : [title.trim()].filter((line) => line !== '');
  const params = coerceParams(type.params, values);
  const titleMissing = validated && titles.length === 0;
  const paramErrors = validated ? validateParams(type.params, values, unparsable) : {};

  function typeChosen(next: string) {
    const chosen = types.find((candidate) => candidate.type === next);
    if (!chosen) return;
    setTypeName(chosen.type);
    setValues(initialValues(chosen.params));
    setUnparsable(NONE);
  }

  function paramChanged(name: string, value: FormValue, bad: boolean) {
    setValues((current) => ({ ...current, [name]: value }));
    setUnparsable((current) => {
      if (current.has(name) === bad) return current;
      const next = new Set(current);
      if (bad) next.add(name);
      else next.delete(name);
      return next;
    });
  }

  function batchToggled(on: boolean) {
    setBatch(on);
    // A text input cannot hold line breaks: leaving batch mode keeps the first title.
    if (!on) setTitle((current) => batchTitles(current)[0] ?? '');
  }

  function focusField(name: string) {
    const element = formRef.current?.elements.namedItem(name);
    if (element instanceof HTMLElement) element.focus();
  }

  function submitted(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setValidated(true);
    const invalid = firstInvalid(type.params, validateParams(type.params, values, unparsable));
    const invalidField = titles.length === 0 ? TITLE_NAME : invalid && fieldName(invalid);
    if (invalidField) {
      focusField(invalidField);
      return;
    }
    submittedText.current = title;
    submit(titles.map((line) => ({ type: type.type, title: line, params, priority })));
  }

  const paramMessage = (spec: ParamSpec, code: ParamErrorCode | undefined): string | null => {
    if (!code) return null;
    const limit = (value: number | undefined) => formatNumber(value ?? 0, locale, 6);
    return t(`submit.${code}`, { field: glossaryLabel(t, 'paramName', spec.name, spec.label), min: limit(spec.min), max: limit(spec.max) });
  };

  const titleId = `${id}-title`;
  const titleErrorId = `${titleId}-error`;
  const titleProps = {
    id: titleId,
    name: TITLE_NAME,
    required: true,
    value: title,
    'aria-invalid': titleMissing ? true : undefined,
    'aria-describedby': titleMissing ? titleErrorId : undefined,
  } as const;

  return (
    <form ref={formRef} className="submit-form" noValidate onSubmit={submitted}>
      <div className="field">
        <label className="submit-label" htmlFor={`${id}-type`}>
          {t('submit.type')}
        </label>
        <select id={`${id}-type`} className="select" value={type.type} onChange={(event) => typeChosen(event.currentTarget.value)}>
          {types.map((candidate) => (
            <option key={candidate.type} value={candidate.type}>
              {glossaryLabel(t, 'typeName', candidate.type, candidate.label)}
            </option>
          ))}
        </select>
      </div>

      <div className="field submit-title">
        <label className="submit-label" htmlFor={titleId}>
          {batch ? t('submit.batchLines') : t('submit.taskTitle')}
          <span aria-hidden="true"> *</span>
        </label>
        {batch ? (
          <textarea {...titleProps} className="textarea" rows={4} onChange={(event) => setTitle(event.currentTarget.value)} />
        ) : (
          <input {...titleProps} className="input" type="text" autoComplete="off" onChange={(event) => setTitle(event.currentTarget.value)} />
        )}
        {titleMissing && <FieldError id={titleErrorId} message={t('submit.titleRequired')} />}
        <label className="check submit-batch">
          <input type="checkbox" checked={batch} onChange={(event) => batchToggled(event.currentTarget.checked)} />
          {t('submit.batch')}
        </label>
      </div>

      <div className="submit-params">
        {type.params.map((spec) => (
          <ParamField
            key={`${type.type}:${spec.name}`}
            spec={spec}
            id={`${id}-param-${spec.name}`}
            value={values[spec.name] ?? initialValue(spec)}
            error={paramMessage(spec, paramErrors[spec.name])}
            onChange={paramChanged}
          />
        ))}
      </div>

      <div className="field submit-priority">
        <label className="submit-label" htmlFor={`${id}-priority`}>
          {t('submit.priority')}
        </label>
        <select
          id={`${id}-priority`}
          className="select"
          value={priority}
          onChange={(event) => setPriority(PRIORITIES.find((p) => p === event.currentTarget.value) ?? 'medium')}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </div>

      <CostEstimate type={type} params={params} count={batch ? titles.length : 1} batch={batch} />

      <div className="submit-actions">
        <button type="submit" className="btn btn-primary">
          {batch ? t('submit.submitBatch', { count: titles.length }) : t('submit.submit')}
        </button>
        <SubmitStatus
          attempt={attempt}
          phase={phase}
          onSubmitAnyway={() => attempt && submit(attempt.bodies, { fresh: true })}
        />
      </div>
    </form>
  );
}
