import { describe, expect, it } from 'vitest';
import type { ParamSpec, TaskType } from '../api/schemas';
import {
  batchTitles,
  checkBudget,
  coerceParams,
  formValuesFromParams,
  validateBatchTitles,
  validateParam,
  validateTitle,
  estimateCost,
  firstInvalid,
  initialValues,
  optionLabel,
  optionValue,
  parseNumber,
  unitsOf,
  validateParams,
} from './paramForm';

const prompt: ParamSpec = { name: 'prompt', label: 'Prompt', kind: 'text', required: true };
const size: ParamSpec = {
  name: 'size',
  label: 'Size',
  kind: 'select',
  required: false,
  options: ['512x512', '1024x1024'],
  default: '1024x1024',
};
const count: ParamSpec = { name: 'count', label: 'Images', kind: 'number', required: false, min: 1, max: 8, default: 1 };
const hd: ParamSpec = { name: 'hd', label: 'HD', kind: 'boolean', required: false, default: true };
const model: ParamSpec = {
  name: 'model',
  label: 'Model',
  kind: 'select',
  required: true,
  options: [
    { value: 'swift-s', label: 'Swift S' },
    { value: 'deep-l', label: 'Deep L' },
  ],
};
const rows: ParamSpec = { name: 'rows', label: 'Rows', kind: 'number', required: true, min: 10 };
const note: ParamSpec = { name: 'note', label: 'Note', kind: 'text', required: false };

const image: TaskType = {
  type: 'image',
  label: 'Image',
  stages: [],
  params: [prompt, size, count, hd],
  costPerUnit: 0.04,
  unitParam: 'count',
  currency: 'EUR',
};

describe('initialValues', () => {
  it('applies defaults, first option for a select without one, empty otherwise', () => {
    expect(initialValues([prompt, size, count, hd, model, rows, note])).toEqual({
      prompt: '',
      size: '1024x1024',
      count: '1',
      hd: true,
      model: 'swift-s',
      rows: '',
      note: '',
    });
  });

  it('ignores a select default that is not among the options', () => {
    expect(initialValues([{ ...size, default: '4096x4096' }])).toEqual({ size: '512x512' });
  });

  it('reads both option shapes', () => {
    expect(optionValue('a')).toBe('a');
    expect(optionLabel('a')).toBe('a');
    expect(optionValue({ value: 'v', label: 'L' })).toBe('v');
    expect(optionLabel({ value: 'v', label: 'L' })).toBe('L');
  });
});

describe('validateParams', () => {
  it('accepts a valid form', () => {
    expect(validateParams([prompt, count, hd], { prompt: 'a cat', count: '3', hd: false })).toEqual({});
  });

  it('reports required, number, min and max per field', () => {
    const errors = validateParams([prompt, count, rows, note], { prompt: '   ', count: '9', rows: '5', note: '' });
    expect(errors).toEqual({ prompt: 'required', count: 'max', rows: 'min' });
    expect(validateParams([count], { count: '0' })).toEqual({ count: 'min' });
    expect(validateParams([count], { count: 'abc' })).toEqual({ count: 'number' });
    expect(validateParams([count], { count: '0x4' })).toEqual({ count: 'number' });
    expect(validateParams([rows], { rows: '' })).toEqual({ rows: 'required' });
  });

  it('leaves an empty optional number alone but flags input the browser could not read', () => {
    expect(validateParams([count], { count: '' })).toEqual({});
    expect(validateParams([count], { count: '' }, new Set(['count']))).toEqual({ count: 'number' });
  });

  it('treats a missing value as the default', () => {
    expect(validateParams([count, rows], {})).toEqual({ rows: 'required' });
  });

  it('finds the first invalid field in form order', () => {
    const specs = [prompt, count, rows];
    expect(firstInvalid(specs, { rows: 'required', count: 'max' })?.name).toBe('count');
    expect(firstInvalid(specs, {})).toBeNull();
  });
});

describe('coerceParams', () => {
  it('types every value and drops empty optional text', () => {
    expect(
      coerceParams([prompt, size, count, hd, note], { prompt: '  a cat ', size: '512x512', count: ' 2 ', hd: false, note: ' ' }),
    ).toEqual({ prompt: 'a cat', size: '512x512', count: 2, hd: false });
  });

  it('leaves out numbers that do not parse', () => {
    expect(coerceParams([count], { count: '1e' })).toEqual({});
    expect(parseNumber('1.5')).toBe(1.5);
    expect(parseNumber('-2e3')).toBe(-2000);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('Infinity')).toBeNull();
  });
});

describe('estimateCost', () => {
  it('is costPerUnit × units × batch count in the type currency', () => {
    expect(estimateCost(image, { count: 3 }, 1)).toEqual({ each: 0.12, total: 0.12, currency: 'EUR' });
    const batch = estimateCost(image, { count: 2 }, 3);
    expect(batch.each).toBeCloseTo(0.08);
    expect(batch.total).toBeCloseTo(0.24);
  });

  it('falls back to the unit default, then 1, and to USD', () => {
    expect(unitsOf(image, {})).toBe(1);
    expect(unitsOf({ ...image, params: [{ ...count, default: 4 }] }, { count: 0 })).toBe(4);
    expect(unitsOf({ ...image, unitParam: undefined }, { count: 5 })).toBe(1);
    expect(estimateCost({ ...image, currency: undefined }, { count: 1 }).currency).toBe('USD');
  });
});

describe('batchTitles', () => {
  it('takes one trimmed title per line and ignores blank lines', () => {
    expect(batchTitles('first\n\n  second  \r\n   \nthird\n')).toEqual(['first', 'second', 'third']);
    expect(batchTitles('  \n ')).toEqual([]);
  });
});

describe('titles', () => {
  it('needs 1 to 200 characters of trimmed text', () => {
    expect(validateTitle('')).toBe('required');
    expect(validateTitle('   ')).toBe('required');
    expect(validateTitle('a')).toBeNull();
    expect(validateTitle(` ${'a'.repeat(200)} `)).toBeNull();
    expect(validateTitle('a'.repeat(201))).toBe('tooLong');
  });

  it('names the first batch title that is too long, counting non-blank lines', () => {
    expect(validateBatchTitles(' \n ')).toEqual({ code: 'required', line: null });
    expect(validateBatchTitles('one\n\ntwo')).toBeNull();
    expect(validateBatchTitles(`one\n\n${'x'.repeat(201)}\n${'y'.repeat(300)}`)).toEqual({ code: 'tooLong', line: 2 });
  });
});

describe('text and select checks', () => {
  it('limits text to 4,000 characters and a select to its options', () => {
    expect(validateParam(note, 'n'.repeat(4000))).toBeNull();
    expect(validateParam(note, 'n'.repeat(4001))).toBe('tooLong');
    expect(validateParam(size, '512x512')).toBeNull();
    expect(validateParam(size, '4096x4096')).toBe('option');
    expect(validateParam(model, '')).toBe('required');
  });
});

describe('formValuesFromParams', () => {
  it("fills each field from the task's params and lists params the type no longer has", () => {
    expect(formValuesFromParams([prompt, size, count, hd], { prompt: 'a cat', size: '512x512', count: 3, hd: true, seed: 7 })).toEqual({
      values: { prompt: 'a cat', size: '512x512', count: '3', hd: true },
      dropped: ['seed'],
    });
  });

  it('falls back to the default where a param does not fit its field', () => {
    expect(formValuesFromParams([size, count, hd], { size: '4096x4096', count: 'many', hd: 'yes' }).values).toEqual({
      size: '1024x1024',
      count: '1',
      hd: true,
    });
  });
});

describe('checkBudget', () => {
  it('is short when the estimate is more than what is left, in the same currency', () => {
    const short = checkBudget({ total: 0.12, currency: 'USD' }, { total: 0.9, budget: 1, currency: 'USD' });
    expect(short).toMatchObject({ currency: 'USD', short: true });
    expect(short.left).toBeCloseTo(0.1);
    expect(checkBudget({ total: 0.1, currency: 'USD' }, { total: 0.9, budget: 1, currency: 'USD' }).short).toBe(false);
    expect(checkBudget({ total: 5, currency: 'EUR' }, { total: 0, budget: 1, currency: 'USD' }).short).toBe(false);
    expect(checkBudget({ total: 5, currency: 'USD' }, { total: 0, budget: null, currency: 'USD' })).toEqual({ left: null, currency: 'USD', short: false });
    expect(checkBudget({ total: 5, currency: 'USD' }, null).left).toBeNull();
  });
});
