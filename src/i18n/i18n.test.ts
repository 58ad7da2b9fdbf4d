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

  it('translates in both languages with the same placeholders', () => {
    expect(translator('zh-CN')('list.count', { shown: 2, total: 5 })).toBe('显示 2 / 共 5 个任务');
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
