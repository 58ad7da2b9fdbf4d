import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: true } })).toBe(
      '{"a":{"c":true,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same string for the same meaning', () => {
    const one = { type: 'image', params: { size: '512x512', count: 2 }, title: 't' };
    const two = { title: 't', params: { count: 2, size: '512x512' }, type: 'image' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('drops undefined members and keeps array positions', () => {
    expect(canonicalJson({ a: undefined, b: [1, undefined, 3] })).toBe('{"b":[1,null,3]}');
  });

  it('distinguishes different values', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });

  it('writes non-finite numbers as null, like JSON.stringify', () => {
    expect(canonicalJson({ a: Number.NaN, b: Infinity })).toBe('{"a":null,"b":null}');
  });
});
