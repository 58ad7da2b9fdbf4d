/**
 * The title of the task (or, in batch mode, one title per line) with a character counter against
 * the contract's 200. Too long is said at once, while typing; a missing title after the first
 * submit; a refusal from the server under the field. The counter is part of the field's
 * description, read when the field is focused; only crossing the limit is announced.
 */
import type { Ref } from 'react';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatNumber } from '../../lib/format';
import { batchTitles, TITLE_MAX_LENGTH, validateBatchTitles, validateTitle } from '../../lib/paramForm';
import { FieldError } from './ParamField';

export const TITLE_NAME = 'task-title';

interface TitleFieldProps {
  id: string;
  value: string;
  batch: boolean;
  /** the form was submitted once: a missing title is an error now */
  validated: boolean;
  /** what the server said about the title, when it refused it */
  refusal: string | null;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  onChange: (value: string) => void;
  onBatchChange: (batch: boolean) => void;
}

export function TitleField({ id, value, batch, validated, refusal, inputRef, onChange, onBatchChange }: TitleFieldProps) {
  const t = useT();
  const locale = useLocale();
  const error = useTitleError(value, batch, validated) ?? refusal;
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const longest = batch ? Math.max(0, ...batchTitles(value).map((line) => line.length)) : value.trim().length;
  const over = longest > TITLE_MAX_LENGTH;
  const common = {
    id,
    ref: inputRef,
    name: TITLE_NAME,
    required: true,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${errorId} ${counterId}` : counterId,
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value),
  } as const;

  return (
    <div className="field submit-title">
      <div className="submit-title-head">
        <label className="submit-label" htmlFor={id}>
          {batch ? t('submit.batchLines') : t('submit.taskTitle')}
          <span aria-hidden="true"> *</span>
        </label>
        <span id={counterId} className={`submit-counter${over ? ' is-over' : ''}`}>
          {t(batch ? 'submit.titleCounterBatch' : 'submit.titleCounter', {
            count: formatNumber(longest, locale),
            max: formatNumber(TITLE_MAX_LENGTH, locale),
          })}
        </span>
      </div>
      {batch ? <textarea {...common} className="textarea" rows={4} /> : <input {...common} className="input" type="text" autoComplete="off" />}
      {/* Announced when it appears (too long while typing, or a refusal), not on every key. */}
      <div aria-live="polite">{error && <FieldError id={errorId} message={error} />}</div>
      <label className="check submit-batch">
        <input type="checkbox" checked={batch} onChange={(event) => onBatchChange(event.currentTarget.checked)} />
        {t('submit.batch')}
      </label>
    </div>
  );
}

/** The client's own message about the title: too long at any time, missing after a submit. */
function useTitleError(value: string, batch: boolean, validated: boolean): string | null {
  const t = useT();
  const locale = useLocale();
  const max = formatNumber(TITLE_MAX_LENGTH, locale);
  if (batch) {
    const problem = validateBatchTitles(value);
    if (!problem) return null;
    if (problem.code === 'tooLong') return t('submit.batchLineTooLong', { line: problem.line ?? 1, max });
    return validated ? t('submit.titleRequired') : null;
  }
  const code = validateTitle(value);
  if (code === 'tooLong') return t('submit.titleTooLong', { max, count: formatNumber(value.trim().length, locale) });
  return code === 'required' && validated ? t('submit.titleRequired') : null;
}
