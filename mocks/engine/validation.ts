/**
 * Validation of `POST /tasks` bodies: the shape (`submitTaskBodySchema`), a known task type, a
 * title, and every param against the type's param specs (required, kind, min/max, select
 * options, no unknown names). The first problem found becomes a 400 `validation_failed` whose
 * detail names the field, e.g. `params.count: must be at most 8`.
 */
import { submitTaskBodySchema, type ParamSpec, type SubmitTaskBody } from '../../src/api/schemas';
import { findTaskKind, listTaskTypes, optionValue, type TaskKind } from './catalog';
import { validationProblem } from './problems';

export const MAX_TITLE_LENGTH = 200;
export const MAX_TEXT_PARAM_LENGTH = 4000;

export interface ValidSubmit {
  body: SubmitTaskBody;
  kind: TaskKind;
}

export function validateSubmit(raw: unknown): ValidSubmit {
  const parsed = submitTaskBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(body)';
    throw validationProblem(field, issue?.message ?? 'invalid value');
  }
  const body = parsed.data;
  const kind = findTaskKind(body.type);
  if (!kind) {
    const known = listTaskTypes()
      .map((type) => type.type)
      .join(', ');
    throw validationProblem('type', `unknown task type "${body.type}" (known: ${known})`);
  }
  if (body.title.trim() === '') throw validationProblem('title', 'must not be blank');
  if (body.title.length > MAX_TITLE_LENGTH) throw validationProblem('title', `must be at most ${MAX_TITLE_LENGTH} characters`);
  validateParams(kind, body.params);
  return { body, kind };
}

function validateParams(kind: TaskKind, params: Record<string, unknown>): void {
  const specs = new Map(kind.spec.params.map((spec) => [spec.name, spec]));
  const unknown = Object.keys(params).find((name) => !specs.has(name));
  if (unknown !== undefined) {
    throw validationProblem(`params.${unknown}`, `unknown parameter for type "${kind.spec.type}"`);
  }
  for (const spec of kind.spec.params) {
    const problem = checkParam(spec, params[spec.name]);
    if (problem) throw validationProblem(`params.${spec.name}`, problem);
  }
}

/** Why `value` does not fit `spec`, or null when it does. */
export function checkParam(spec: ParamSpec, value: unknown): string | null {
  if (value === undefined || value === null) return spec.required ? 'is required' : null;
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      if (spec.required && value.trim() === '') return 'is required';
      if (value.length > MAX_TEXT_PARAM_LENGTH) return `must be at most ${MAX_TEXT_PARAM_LENGTH} characters`;
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'select': {
      const options = (spec.options ?? []).map(optionValue);
      return typeof value === 'string' && options.includes(value) ? null : `must be one of ${options.join(', ')}`;
    }
  }
}
