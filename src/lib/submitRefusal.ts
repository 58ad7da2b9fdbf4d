/**
 * Where in the submit form a server refusal belongs. The contract's 400 `validation_failed` names
 * the field at the start of its `detail` ("params.count: must be at most 8", docs/api.md); a JSON
 * pointer ("/params/count: …") is read too, for servers that write it that way. A 402 belongs to
 * the cost and budget; anything else (auth, a conflict, the key-reuse bug) to the form as a whole.
 * Pure: the form shows the result beside the field it names.
 */
import type { OutboxProblem } from './outbox';

export type RefusalTarget =
  | { kind: 'title' }
  | { kind: 'type' }
  | { kind: 'priority' }
  | { kind: 'param'; name: string }
  | { kind: 'budget' }
  | { kind: 'form' };

export interface Refusal {
  target: RefusalTarget;
  /** the server's words about the field (the detail without the field name), else its title */
  message: string;
  problem: OutboxProblem;
}

const FIELD_PREFIX = /^\s*((?:\/[\w.-]+)+|[A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*:\s*([\s\S]*)$/;

export function locateRefusal(problem: OutboxProblem): Refusal {
  const fallback = problem.detail || problem.title;
  if (problem.status === 402) return { target: { kind: 'budget' }, message: fallback, problem };
  if (problem.isBug || (problem.status !== 400 && problem.status !== 422)) {
    return { target: { kind: 'form' }, message: fallback, problem };
  }
  const match = FIELD_PREFIX.exec(problem.detail);
  if (!match) return { target: { kind: 'form' }, message: fallback, problem };
  const path = (match[1] ?? '').replace(/^\//, '').split(/[./]/);
  const message = (match[2] ?? '').trim() || problem.title;
  const [head, name, ...rest] = path;
  if (head === 'title' && name === undefined) return { target: { kind: 'title' }, message, problem };
  if (head === 'type' && name === undefined) return { target: { kind: 'type' }, message, problem };
  if (head === 'priority' && name === undefined) return { target: { kind: 'priority' }, message, problem };
  if (head === 'params' && name !== undefined && rest.length === 0) return { target: { kind: 'param', name }, message, problem };
  return { target: { kind: 'form' }, message: fallback, problem };
}

/** A stable key per target, for a map of messages by field. */
export function refusalKey(target: RefusalTarget): string {
  return target.kind === 'param' ? `param:${target.name}` : target.kind;
}
