/**
 * The submit form for a loaded list of task types: type, title (or one title per line in batch
 * mode), the fields the type's parameter specs ask for, priority, the cost estimate and the
 * submit button. Every field is checked before anything is sent (on submit, then on every change;
 * a too-long title at once); focus moves to the first invalid field. A refusal from the server
 * comes back to the field it names (useAttemptRefusals); Submit is off, with the reason, when the
 * estimate is more than the budget left. "Edit and run again" elsewhere fills the form
 * (useDraftFill). Each title becomes one outbox intent (useSubmitIntents).
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { PRIORITIES, type Priority, type ParamSpec, type TaskType } from '../../api/schemas';
import { glossaryLabel } from '../../i18n/glossary';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatNumber } from '../../lib/format';
import {
  batchTitles,
  checkBudget,
  coerceParams,
  estimateCost,
  firstInvalid,
  initialValue,
  initialValues,
  TEXT_PARAM_MAX_LENGTH,
  validateBatchTitles,
  validateParams,
  validateTitle,
  type FormValue,
  type FormValues,
  type ParamErrorCode,
} from '../../lib/paramForm';
import { locateRefusal, refusalKey, type Refusal } from '../../lib/submitRefusal';
import { useTaskMirror } from '../../sync/hooks';
import { CostEstimate } from './CostEstimate';
import { FormNotices, type FormNotice } from './FormNotices';
import { fieldName, ParamField } from './ParamField';
import { RefusedSubmits } from './RefusedSubmits';
import { SubmitStatus } from './SubmitStatus';
import { TITLE_NAME, TitleField } from './TitleField';
import { useAttemptRefusals, type AttemptRefusals } from './useAttemptRefusals';
import { useDraftFill } from './useDraftFill';
import { useSubmitIntents } from './useSubmitIntents';

const NONE: ReadonlySet<string> = new Set();
const NO_IDS: readonly string[] = [];
const TYPE_NAME = 'task-type';
const PRIORITY_NAME = 'task-priority';

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
  /** the server's refusals by field (refusalKey), cleared when that field changes */
  const [refusals, setRefusals] = useState<Readonly<Record<string, Refusal>>>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const [edited, setEdited] = useState(0);

  const { attempt, phase, submit } = useSubmitIntents(() => {
    // Ready for the next one: same type and params, a new title (unless the user already typed one).
    setTitle((current) => (current === submittedText.current ? '' : current));
    setValidated(false);
  });

  useAttemptRefusals(attempt, (result) => showRefusals(result));

  useDraftFill(types, (draft) => {
    setTypeName(draft.type.type);
    setValues(draft.values);
    setUnparsable(NONE);
    setTitle(draft.title);
    setBatch(false);
    setPriority(draft.priority);
    setValidated(false);
    setRefusals(draft.refusal ? byField([locateRefusal(draft.refusal)], draft.type) : {});
    setNotice(draft.notice);
    setEdited((n) => n + 1);
    // After the render that shows the values: the title is where editing starts.
    requestAnimationFrame(() => focusField(draft.refusal ? firstRefusedField(draft.refusal, draft.type) : TITLE_NAME));
  }, setNotice);

  const titles = batch ? batchTitles(title) : [title.trim()].filter((line) => line !== '');
  const params = coerceParams(type.params, values);
  const paramErrors = validated ? validateParams(type.params, values, unparsable) : {};
  const cost = estimateCost(type, params, batch ? titles.length : 1);
  const budget = checkBudget(cost, useTaskMirror().data?.stats?.cost);
  const budgetReasonId = `${id}-budget-reason`;

  function changed(key: string) {
    setEdited((n) => n + 1);
    setNotice((current) => (current?.kind === 'partlyRefused' ? null : current));
    setRefusals((current) => {
      if (!(key in current) && !('form' in current)) return current;
      const { [key]: _field, form: _form, ...rest } = current;
      return rest;
    });
  }

  function typeChosen(next: string) {
    const chosen = types.find((candidate) => candidate.type === next);
    if (!chosen) return;
    setTypeName(chosen.type);
    setValues(initialValues(chosen.params));
    setUnparsable(NONE);
    setRefusals({});
    setEdited((n) => n + 1);
  }

  function paramChanged(name: string, value: FormValue, bad: boolean) {
    changed(`param:${name}`);
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

  function firstRefusedField(problem: Refusal['problem'], onType: TaskType): string {
    const target = locateRefusal(problem).target;
    if (target.kind === 'param' && onType.params.some((spec) => spec.name === target.name)) return `param-${target.name}`;
    return target.kind === 'type' ? TYPE_NAME : target.kind === 'priority' ? PRIORITY_NAME : TITLE_NAME;
  }

  function showRefusals({ refused, accepted }: AttemptRefusals) {
    const located = refused.map(({ problem }) => locateRefusal(problem));
    setRefusals(byField(located, type));
    if (batch && accepted.length > 0) {
      // Keep only the lines still to send: the accepted ones exist now.
      setTitle(refused.map(({ body }) => body.title).join('\n'));
      setNotice({ kind: 'partlyRefused', accepted: accepted.length, total: accepted.length + refused.length });
    }
    const [first] = refused;
    if (first) focusField(firstRefusedField(first.problem, type));
  }

  function submitted(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setValidated(true);
    setRefusals({});
    setNotice(null);
    const invalid = firstInvalid(type.params, validateParams(type.params, values, unparsable));
    const titleBad = batch ? validateBatchTitles(title) !== null : validateTitle(title) !== null;
    const invalidField = titleBad ? TITLE_NAME : invalid && fieldName(invalid);
    if (invalidField) {
      focusField(invalidField);
      return;
    }
    if (budget.short) return; // the button is disabled; Enter in a field must not get around it
    submittedText.current = title;
    submit(titles.map((line) => ({ type: type.type, title: line, params, priority })));
  }

  const refusalText = (key: string) => {
    const refusal = refusals[key];
    return refusal ? t('submit.refusedAtField', { message: refusal.message }) : null;
  };

  const paramMessage = (spec: ParamSpec, code: ParamErrorCode | undefined): string | null => {
    if (!code) return refusalText(`param:${spec.name}`);
    const limit = (value: number | undefined) => formatNumber(value ?? 0, locale, 6);
    const field = glossaryLabel(t, 'paramName', spec.name, spec.label);
    if (code === 'tooLong') return t('submit.tooLong', { field, max: limit(TEXT_PARAM_MAX_LENGTH) });
    return t(`submit.${code}`, { field, min: limit(spec.min), max: limit(spec.max) });
  };

  return (
    <form ref={formRef} className="submit-form" noValidate onSubmit={submitted}>
      <FormNotices notice={notice} onDismiss={() => setNotice(null)} />
      <RefusedSubmits ownIds={attempt?.ids ?? NO_IDS} />
      <div className="field">
        <label className="submit-label" htmlFor={`${id}-type`}>
          {t('submit.type')}
        </label>
        <select
          id={`${id}-type`}
          name={TYPE_NAME}
          className="select"
          value={type.type}
          aria-invalid={refusals.type ? true : undefined}
          aria-describedby={refusals.type ? `${id}-type-error` : undefined}
          onChange={(event) => typeChosen(event.currentTarget.value)}
        >
          {types.map((candidate) => (
            <option key={candidate.type} value={candidate.type}>
              {glossaryLabel(t, 'typeName', candidate.type, candidate.label)}
            </option>
          ))}
        </select>
        {refusals.type && <p id={`${id}-type-error`} className="field-error submit-error">{refusalText('type')}</p>}
      </div>

      <TitleField
        id={`${id}-title`}
        value={title}
        batch={batch}
        validated={validated}
        refusal={refusalText('title')}
        onChange={(value) => {
          changed('title');
          setTitle(value);
        }}
        onBatchChange={batchToggled}
      />

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
          name={PRIORITY_NAME}
          className="select"
          value={priority}
          aria-invalid={refusals.priority ? true : undefined}
          aria-describedby={refusals.priority ? `${id}-priority-error` : undefined}
          onChange={(event) => {
            changed('priority');
            setPriority(PRIORITIES.find((p) => p === event.currentTarget.value) ?? 'medium');
          }}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
        {refusals.priority && <p id={`${id}-priority-error`} className="field-error submit-error">{refusalText('priority')}</p>}
      </div>

      <CostEstimate
        cost={cost}
        count={titles.length}
        budget={budget}
        batch={batch}
        reasonId={budgetReasonId}
        refusal={refusals.budget ?? null}
      />

      <div className="submit-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={budget.short}
          aria-describedby={budget.short ? budgetReasonId : undefined}
        >
          {batch ? t('submit.submitBatch', { count: titles.length }) : t('submit.submit')}
        </button>
        <SubmitStatus
          attempt={attempt}
          phase={phase}
          edited={edited}
          refusal={refusals.form ?? null}
          onSubmitAnyway={() => attempt && submit(attempt.bodies, { fresh: true })}
        />
      </div>
    </form>
  );
}

/** Refusals by the field they belong to; a param the form does not have goes to the form. */
function byField(refusals: readonly Refusal[], type: TaskType): Record<string, Refusal> {
  const result: Record<string, Refusal> = {};
  for (const refusal of refusals) {
    const { target } = refusal;
    const known = target.kind !== 'param' || type.params.some((spec) => spec.name === target.name);
    const key = known ? refusalKey(target) : 'form';
    result[key] ??= known ? refusal : { ...refusal, message: refusal.problem.detail || refusal.problem.title };
  }
  return result;
}
