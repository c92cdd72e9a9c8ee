import { describe, expect, it } from 'vitest';
import { estimateBits, strengthOf } from './strength';

describe('passphrase strength hint', () => {
  it('asks for eight characters before judging', () => {
    expect(strengthOf('abc12').strength).toBe('too-short');
    expect(strengthOf('abc12').message).toMatch(/at least 8 characters/);
  });

  it('calls a repeated character weak however long it is', () => {
    expect(estimateBits('aaaaaaaaaaaaaaaaaaaa')).toBe(0);
    expect(strengthOf('aaaaaaaaaaaaaaaaaaaa').strength).toBe('weak');
  });

  it('rates four unrelated words as strong and two as weaker', () => {
    expect(strengthOf('correct horse battery staple').strength).toBe('strong');
    expect(strengthOf('password').strength).toBe('weak');
    expect(['fair', 'weak']).toContain(strengthOf('purple monkey').strength);
  });
});
