/**
 * The pure part of the submit form: a task type's parameter specs (GET /task-types) turned into
 * form values, raw input read back as typed params, per-field validation codes and the cost
 * estimate. No React; the form in src/features/submit only wires these to inputs.
 *
 * Form values are what the inputs hold: strings for text, number and select fields, booleans for
 * checkboxes. They become the request's params only through `coerceParams`, after validation.
 */
import type { ParamOption, ParamSpec, TaskType } from '../api/schemas';

export type FormValue = string | boolean;
export type FormValues = Readonly<Record<string, FormValue>>;
export type ParamValue = string | number | boolean;

export type ParamErrorCode = 'required' | 'number' | 'min' | 'max' | 'tooLong' | 'option';
export type TitleErrorCode = 'required' | 'tooLong';

/** The contract's limits (docs/api.md, POST /tasks): the form checks them before anything is sent. */
export const TITLE_MAX_LENGTH = 200;
export const TEXT_PARAM_MAX_LENGTH = 4000;
export type ParamErrors = Readonly<Partial<Record<string, ParamErrorCode>>>;

export interface CostEstimate {
  /** one task */
  each: number;
  /** every task of the batch */
  total: number;
  currency: string;
}

const NO_NAMES: ReadonlySet<string> = new Set();
/** Plain decimal numbers only: "0x10", "Infinity" or "1,5" are not what a person means. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

export function optionValue(option: ParamOption): string {
  return typeof option === 'string' ? option : option.value;
}

export function optionLabel(option: ParamOption): string {
  return typeof option === 'string' ? option : option.label;
}

/** Parses what a number input holds; null when it is not a number (empty counts as not one). */
export function parseNumber(raw: string): number | null {
  const text = raw.trim();
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The value a field starts with: the spec's default, else empty (a select: its first option). */
export function initialValue(spec: ParamSpec): FormValue {
  const fallback = spec.default;
  switch (spec.kind) {
    case 'boolean':
      return typeof fallback === 'boolean' ? fallback : fallback === 'true';
    case 'select': {
      const values = (spec.options ?? []).map(optionValue);
      if (fallback !== undefined && values.includes(String(fallback))) return String(fallback);
      return values[0] ?? '';
    }
    case 'number':
    case 'text':
      return fallback === undefined || typeof fallback === 'boolean' ? '' : String(fallback);
  }
}

/** The form values of a task type when it is chosen: every field at its default. */
export function initialValues(specs: readonly ParamSpec[]): FormValues {
  return Object.fromEntries(specs.map((spec) => [spec.name, initialValue(spec)]));
}

function valueOf(spec: ParamSpec, values: FormValues): FormValue {
  return values[spec.name] ?? initialValue(spec);
}

/**
 * One field's problem, or null. `unparsable` names number fields whose input the browser could
 * not read (`validity.badInput`: the input then reports an empty value).
 */
export function validateParam(spec: ParamSpec, value: FormValue, unparsable = false): ParamErrorCode | null {
  if (spec.kind === 'boolean') return null;
  const text = typeof value === 'string' ? value.trim() : '';
  if (spec.kind === 'number') {
    if (unparsable) return 'number';
    if (text === '') return spec.required ? 'required' : null;
    const number = parseNumber(text);
    if (number === null) return 'number';
    if (spec.min !== undefined && number < spec.min) return 'min';
    if (spec.max !== undefined && number > spec.max) return 'max';
    return null;
  }
  if (spec.kind === 'select') {
    if (text === '') return spec.required ? 'required' : null;
    return (spec.options ?? []).some((option) => optionValue(option) === text) ? null : 'option';
  }
  if (spec.required && text === '') return 'required';
  // Length as the server counts it (UTF-16 code units), of what is sent (trimmed).
  return text.length > TEXT_PARAM_MAX_LENGTH ? 'tooLong' : null;
}

/** The title's problem (of the trimmed text, which is what is sent), or null. */
export function validateTitle(title: string): TitleErrorCode | null {
  const text = title.trim();
  if (text === '') return 'required';
  return text.length > TITLE_MAX_LENGTH ? 'tooLong' : null;
}

/**
 * Batch mode: the first line that is too long (1-based line number among the non-blank lines),
 * 'required' when there is no line at all, else null.
 */
export function validateBatchTitles(text: string): { code: TitleErrorCode; line: number | null } | null {
  const titles = batchTitles(text);
  if (titles.length === 0) return { code: 'required', line: null };
  const index = titles.findIndex((title) => title.length > TITLE_MAX_LENGTH);
  return index < 0 ? null : { code: 'tooLong', line: index + 1 };
}

/** Every field's problem, keyed by param name; empty when the params can be sent. */
export function validateParams(
  specs: readonly ParamSpec[],
  values: FormValues,
  unparsable: ReadonlySet<string> = NO_NAMES,
): ParamErrors {
  const errors: Partial<Record<string, ParamErrorCode>> = {};
  for (const spec of specs) {
    const code = validateParam(spec, valueOf(spec, values), unparsable.has(spec.name));
    if (code) errors[spec.name] = code;
  }
  return errors;
}

/** The first spec (in form order) with a problem, for focus. */
export function firstInvalid(specs: readonly ParamSpec[], errors: ParamErrors): ParamSpec | null {
  return specs.find((spec) => errors[spec.name] !== undefined) ?? null;
}

/**
 * The request's params: text trimmed, numbers as numbers, booleans as booleans. Empty optional
 * fields and numbers that do not parse are left out (validation reports those before a submit),
 * so the server applies its own defaults.
 */
export function coerceParams(specs: readonly ParamSpec[], values: FormValues): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const value = valueOf(spec, values);
    if (spec.kind === 'boolean') {
      params[spec.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    if (spec.kind === 'number') {
      const number = parseNumber(text);
      if (number !== null) params[spec.name] = number;
    } else {
      params[spec.name] = text;
    }
  }
  return params;
}

/**
 * The form values that reproduce a task's params ("Edit and run again"): every spec's field from
 * the param of the same name when it fits the field, else the field's default. Params the type no
 * longer has are left out and listed in `dropped`, so the form can say so.
 */
export function formValuesFromParams(
  specs: readonly ParamSpec[],
  params: Readonly<Record<string, unknown>>,
): { values: FormValues; dropped: string[] } {
  const values: Record<string, FormValue> = {};
  for (const spec of specs) {
    const value = params[spec.name];
    let field: FormValue | null = null;
    if (spec.kind === 'boolean' && typeof value === 'boolean') field = value;
    else if (spec.kind === 'number' && typeof value === 'number' && Number.isFinite(value)) field = String(value);
    else if (spec.kind === 'select' && (typeof value === 'string' || typeof value === 'number')) {
      field = (spec.options ?? []).some((option) => optionValue(option) === String(value)) ? String(value) : null;
    } else if (spec.kind === 'text' && (typeof value === 'string' || typeof value === 'number')) field = String(value);
    values[spec.name] = field ?? initialValue(spec);
  }
  const known = new Set(specs.map((spec) => spec.name));
  return { values, dropped: Object.keys(params).filter((name) => !known.has(name)) };
}

export interface BudgetCheck {
  /** money left before the budget is reached; null when no budget is set or currencies differ */
  left: number | null;
  /** the budget's currency (the left amount is in it) */
  currency: string;
  /** the estimate is more than what is left: the server would answer 402 */
  short: boolean;
}

/** The estimate against the budget the server reported (stats.cost). */
export function checkBudget(
  estimate: Pick<CostEstimate, 'total' | 'currency'>,
  budget: { total: number; budget: number | null; currency: string } | null | undefined,
): BudgetCheck {
  if (!budget || budget.budget === null) return { left: null, currency: estimate.currency, short: false };
  const left = Math.max(0, budget.budget - budget.total);
  // Amounts in different currencies cannot be compared; the server still checks.
  if (budget.currency !== estimate.currency) return { left, currency: budget.currency, short: false };
  return { left, currency: budget.currency, short: estimate.total > left + 1e-9 };
}

/** Billable units of one task: the `unitParam` value when it is a positive number, else its default, else 1. */
export function unitsOf(type: TaskType, params: Readonly<Record<string, unknown>>): number {
  const name = type.unitParam;
  if (!name) return 1;
  const value = params[name];
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  const fallback = type.params.find((spec) => spec.name === name)?.default;
  return typeof fallback === 'number' && fallback > 0 ? fallback : 1;
}

/** costPerUnit × units, for one task and for `count` of them. */
export function estimateCost(type: TaskType, params: Readonly<Record<string, unknown>>, count = 1): CostEstimate {
  const each = type.costPerUnit * unitsOf(type, params);
  return { each, total: each * Math.max(0, count), currency: type.currency ?? 'USD' };
}

/** Batch mode: one title per line, trimmed, blank lines ignored. */
export function batchTitles(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
