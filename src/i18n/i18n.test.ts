import { describe, expect, it } from 'vitest';
import { en } from './en';
import { glossaryLabel } from './glossary';
import { detectLocale, interpolate, translator } from './i18n';
import { zh } from './zh';

describe('i18n', () => {
  it('picks the first supported browser language', () => {
    expect(detectLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(detectLocale(['fr-FR'])).toBe('en');
    expect(detectLocale(undefined)).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} of {b}', { a: 1, b: 'two' })).toBe('1 of two');
    expect(interpolate('{a} {missing}', { a: 1 })).toBe('1 {missing}');
  });

  it('picks the plural form with Intl.PluralRules, in both languages', () => {
    const enT = translator('en');
    expect(enT('list.count', { shown: 1, total: 1 })).toBe('1 of 1 task');
    expect(enT('list.count', { shown: 0, total: 2 })).toBe('0 of 2 tasks');
    expect(enT('submit.submitBatch', { count: 1 })).toBe('Submit 1 task');
    expect(enT('submit.submitBatch', { count: 1200 })).toBe('Submit 1,200 tasks');
    expect(enT('notify.more', { count: 1 })).toBe('1 more task finished');
    expect(enT('bulk.confirmDeleteFinished', { count: 1 })).toBe('Delete the finished task? This cannot be undone.');
    expect(enT('bulk.confirmDeleteFinished', { count: 3 })).toBe('Delete all 3 finished tasks? This cannot be undone.');
    const zhT = translator('zh-CN');
    expect(zhT('list.count', { shown: 1, total: 1 })).toBe('显示 1 / 共 1 个任务');
    expect(zhT('submit.submitBatch', { count: 1200 })).toBe('提交 1,200 个任务');
  });

  it('reads exact matches, placeholders inside branches, and leaves a plural without a number as written', () => {
    const template = '{n, plural, =0 {no files} one {# file in {dir}} other {# files in {dir}}}!';
    expect(interpolate(template, { n: 0, dir: 'a' })).toBe('no files!');
    expect(interpolate(template, { n: 1, dir: 'a' })).toBe('1 file in a!');
    expect(interpolate(template, { n: 2, dir: 'a' })).toBe('2 files in a!');
    expect(interpolate(template, { n: 'two', dir: 'a' })).toBe('{n, plural, =0 {no files} one {# file in a} other {# files in a}}!');
  });

  it('translates in both languages with the same placeholders', () => {
    expect(translator('zh-CN')('list.count', { shown: 2, total: 5 })).toBe('显示 2 / 共 5 个任务');
    // Placeholders and plural arguments; a plural branch's text ("one {once}") is not a placeholder.
    const placeholders = (text: string) =>
      [...text.matchAll(/(?<!\b(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)(?:\}|,\s*plural,)/g)]
        .map((m) => m[1])
        .filter((name, i, all) => all.indexOf(name) === i)
        .sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('names known task types, stages and params in the language, and keeps the server label otherwise', () => {
    const zhT = translator('zh-CN');
    expect(glossaryLabel(zhT, 'typeName', 'video', 'Video generation')).toBe('视频生成');
    expect(glossaryLabel(zhT, 'stageName', 'inference', 'Inference')).toBe('推理');
    expect(glossaryLabel(zhT, 'paramName', 'prompt', 'Prompt')).toBe('提示词');
    expect(glossaryLabel(zhT, 'stageName', 'quantum-fold', 'Quantum fold')).toBe('Quantum fold');
  });
});
