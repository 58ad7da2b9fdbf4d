import { describe, expect, it } from 'vitest';
import type { OutboxProblem } from './outbox';
import { locateRefusal, refusalKey } from './submitRefusal';

const problem = (overrides: Partial<OutboxProblem>): OutboxProblem => ({
  status: 400,
  code: 'validation_failed',
  title: 'The request is not valid',
  detail: '',
  traceId: null,
  isBug: false,
  ...overrides,
});

describe('locateRefusal', () => {
  it('reads the field at the start of a validation detail', () => {
    expect(locateRefusal(problem({ detail: 'params.count: must be at most 8' }))).toMatchObject({
      target: { kind: 'param', name: 'count' },
      message: 'must be at most 8',
    });
    expect(locateRefusal(problem({ detail: 'title: must be at most 200 characters' })).target).toEqual({ kind: 'title' });
    expect(locateRefusal(problem({ detail: 'type: unknown task type "x"' })).target).toEqual({ kind: 'type' });
    expect(locateRefusal(problem({ detail: 'priority: invalid value', status: 422 })).target).toEqual({ kind: 'priority' });
  });

  it('reads a JSON pointer too', () => {
    expect(locateRefusal(problem({ detail: '/params/durationSec: too long for this plan' }))).toMatchObject({
      target: { kind: 'param', name: 'durationSec' },
      message: 'too long for this plan',
    });
  });

  it('sends a 402 to the budget and anything without a known field to the form', () => {
    expect(locateRefusal(problem({ status: 402, code: 'budget_exceeded', detail: 'only 0.1 USD left' }))).toMatchObject({
      target: { kind: 'budget' },
      message: 'only 0.1 USD left',
    });
    expect(locateRefusal(problem({ detail: 'The body is not JSON' })).target).toEqual({ kind: 'form' });
    expect(locateRefusal(problem({ detail: 'params: must be an object' })).target).toEqual({ kind: 'form' });
    expect(locateRefusal(problem({ status: 403, code: 'forbidden', detail: 'title: not yours' })).target).toEqual({ kind: 'form' });
    expect(locateRefusal(problem({ status: 422, isBug: true, detail: 'key reused' })).target).toEqual({ kind: 'form' });
    expect(locateRefusal(problem({ detail: '' })).message).toBe('The request is not valid');
  });

  it('keys targets for a map of messages', () => {
    expect(refusalKey({ kind: 'param', name: 'fps' })).toBe('param:fps');
    expect(refusalKey({ kind: 'title' })).toBe('title');
  });
});
