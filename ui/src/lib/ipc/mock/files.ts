// The shell's file saving in the mock: a file is written whole, and a typed path
// never replaces an existing file (the save dialog asks first, so it may). The
// refusal is the core's ApiError::FileExists: code and words (not recorded yet).
import type { IpcError, Result } from '../bindings';
import type { MockBackend } from './index';
import { fail, ok } from './results';

export function saveFile(host: MockBackend, destination: string, replace: boolean, text: string): Result<number, IpcError> {
  if (!replace && host.written.has(destination)) {
    return fail('already-exists', `${destination} already exists; choose another name (nothing was overwritten)`);
  }
  host.written.set(destination, text);
  return ok(text.length);
}
