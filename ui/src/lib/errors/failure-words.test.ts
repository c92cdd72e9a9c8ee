import { describe, expect, it } from 'vitest';
import { IpcFailure, plainError, type IpcError } from '../ipc';
import { errorWords, failureWords } from './failure-words';

// The core's sentence is deliberately unlike the app's words: the app must word
// these from the code and the data, never from the message text.
const CORE = 'the core said this';

function failure(error: Partial<IpcError> & Pick<IpcError, 'code'>): IpcFailure {
  return new IpcFailure({ ...plainError(error.code, CORE), ...error });
}

describe('what the app says for a refused command', () => {
  it('tells a team folder that is gone from bad input, by code', () => {
    expect(failureWords(failure({ code: 'folder-unavailable' }))).toMatch(/team folder is not available/);
    expect(failureWords(failure({ code: 'not-a-member' }))).toMatch(/not on a team’s roster/);
    expect(failureWords(failure({ code: 'invalid-input', input: 'title' }))).toBe(CORE);
  });

  it('words what an export lacks from the missing items, not from the message', () => {
    const words = errorWords({
      ...plainError('not-ready', CORE),
      missing: [{ kind: 'cve-id' }, { kind: 'setting', key: 'vendor' }],
    });
    expect(words).toBe('Not ready yet: CVE id missing; No vendor in the export settings.');
  });

  it('words a refusal in the app’s terms, without the command line’s flags', () => {
    const seed = failureWords(failure({ code: 'refused', refusal: { kind: 'seed-policy-read-only' } }));
    expect(seed).toMatch(/Custom policy in Settings/);
    const future = failureWords(
      failure({ code: 'refused', refusal: { kind: 'done-in-future', at: '2026-11-24T11:00:00Z' } }),
    );
    expect(future).toMatch(/log a step once it is done/);
    for (const words of [seed, future]) expect(words).not.toMatch(/--|embargo /);
  });

  it('names the fields a status move still needs', () => {
    const words = errorWords({
      ...plainError('refused', CORE),
      status_needs: [{ kind: 'cve-id' }, { kind: 'embargo-date' }],
    });
    expect(words).toBe('Fill in the CVE id and the embargo date first.');
  });

  it('shows anything that is not a refusal as it was thrown', () => {
    expect(failureWords(new Error('disk full'))).toBe('disk full');
  });
});
