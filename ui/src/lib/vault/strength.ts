// A hint, not a gate (the shell enforces the minimum): roughly how many guesses a
// passphrase would take, in words a person understands.

export const MIN_PASSPHRASE_CHARS = 8;

export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

export interface StrengthHint {
  strength: Strength;
  message: string;
}

function poolSize(passphrase: string): number {
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  // Spaces between words add length, not alphabet.
  if (/\s/.test(passphrase)) pool += 1;
  if (/[^A-Za-z0-9\s]/.test(passphrase)) pool += 33;
  return pool;
}

/** Estimated bits of entropy, discounting repeats and all-one-character runs. */
export function estimateBits(passphrase: string): number {
  const distinct = new Set(passphrase).size;
  if (distinct <= 1) return 0;
  const effectiveLength = Math.min([...passphrase].length, distinct * 3);
  return Math.round(effectiveLength * Math.log2(poolSize(passphrase)));
}

export function strengthOf(passphrase: string): StrengthHint {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    return { strength: 'too-short', message: `Use at least ${MIN_PASSPHRASE_CHARS} characters — a few words is best.` };
  }
  const words = passphrase.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  const bits = estimateBits(passphrase);
  if (bits >= 70 || (words >= 4 && bits >= 50)) {
    return { strength: 'strong', message: 'Strong: a long passphrase like this resists guessing.' };
  }
  if (bits >= 45 || words >= 3) {
    return { strength: 'fair', message: 'Fair: another word or two would make it strong.' };
  }
  return { strength: 'weak', message: 'Weak: easy to guess. Try four unrelated words.' };
}
