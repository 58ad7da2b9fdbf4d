/**
 * One input generated from a parameter spec of the chosen task type: text (a textarea for long
 * prompts), number with min/max, select (string or {value,label} options) or checkbox. Always a
 * visible label; an error message sits under the field and is linked with aria-describedby.
 * Labels come from the server (known ones in the user's language) and are rendered as text.
 */
import type { ChangeEvent } from 'react';
import type { ParamSpec } from '../../api/schemas';
import { glossaryLabel } from '../../i18n/glossary';
import { useT } from '../../i18n/localeStore';
import { optionLabel, optionValue, type FormValue } from '../../lib/paramForm';

/** Free text that people tend to write at length gets a textarea. */
const LONG_TEXT = /prompt|description|instructions|notes/i;

export interface ParamFieldProps {
  spec: ParamSpec;
  /** the input's id; the error message's id is derived from it */
  id: string;
  value: FormValue;
  error: string | null;
  /** `unparsable`: a number input whose text the browser could not read as a number */
  onChange: (name: string, value: FormValue, unparsable: boolean) => void;
}

export function fieldName(spec: ParamSpec): string {
  return `param-${spec.name}`;
}

export function ParamField({ spec, id, value, error, onChange }: ParamFieldProps) {
  const t = useT();
  const label = glossaryLabel(t, 'paramName', spec.name, spec.label);
  const errorId = `${id}-error`;
  const common = {
    id,
    name: fieldName(spec),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  } as const;
  const text = typeof value === 'string' ? value : '';
  const changed = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(spec.name, event.currentTarget.value, false);

  if (spec.kind === 'boolean') {
    return (
      <div className="field submit-field-check">
        <label className="check" htmlFor={id}>
          <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(spec.name, event.currentTarget.checked, false)} />
          {label}
        </label>
        {error && <FieldError id={errorId} message={error} />}
      </div>
    );
  }

  let control;
  if (spec.kind === 'select') {
    control = (
      <select {...common} className="select" required={spec.required} value={text} onChange={changed}>
        {(spec.options ?? []).map((option) => (
          <option key={optionValue(option)} value={optionValue(option)}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'number') {
    control = (
      <input
        {...common}
        className="input"
        type="number"
        inputMode="decimal"
        step="any"
        min={spec.min}
        max={spec.max}
        required={spec.required}
        value={text}
        onChange={(event) => onChange(spec.name, event.currentTarget.value, event.currentTarget.validity.badInput)}
      />
    );
  } else if (LONG_TEXT.test(spec.name)) {
    control = <textarea {...common} className="textarea submit-textarea" rows={3} required={spec.required} value={text} onChange={changed} />;
  } else {
    control = <input {...common} className="input" type="text" required={spec.required} value={text} onChange={changed} />;
  }

  return (
    <div className={`field submit-field-${spec.kind}`}>
      <label className="submit-label" htmlFor={id}>
        {label}
        {spec.required && <span aria-hidden="true"> *</span>}
      </label>
      {control}
      {error && <FieldError id={errorId} message={error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error submit-error">
      {message}
    </p>
  );
}
