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

export type ParamErrorCode = 'required' | 'number' | 'min' | 'max';
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
  return spec.required && text === '' ? 'required' : null;
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
