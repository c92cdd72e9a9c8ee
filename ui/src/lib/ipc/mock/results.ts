// The two shapes of a shell answer, for the mock's own few answers.
import { plainError } from '../backend';
import type { ErrorCode, IpcError, Result } from '../bindings';

export const ok = <T>(data: T): Result<T, IpcError> => ({ status: 'ok', data });

export const fail = <T>(code: ErrorCode, message: string): Result<T, IpcError> => ({
  status: 'error',
  error: plainError(code, message),
});

/** What the mock answers to a call the core was never recorded answering. */
export function unrecorded<T>(command: string, args: unknown[]): Result<T, IpcError> {
  return fail('internal', `the mock has no recorded answer for ${command}(${JSON.stringify(args).slice(1, -1)})`);
}
