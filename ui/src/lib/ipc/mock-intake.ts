// The intake-folder half of the in-memory backend (see mock.ts): a test sets what
// the intake found (`intake`), and setting the folder behaves like the core for
// what the UI relies on — a full path is needed; null stops watching.
import { plainError } from './backend';
import type { IntakeSettings, IpcError, Result } from './bindings';

const ok = <T>(data: T): Result<T, IpcError> => ({ status: 'ok', data });

export interface IntakeHost {
  intake: IntakeSettings;
}

export function noIntake(): IntakeSettings {
  return { folder: null, problems: [], failure: null };
}

export function intakeCommands(host: IntakeHost) {
  return {
    intakeSettings: async () => ok(host.intake),
    setIntakeFolder: async (folder: string | null): Promise<Result<IntakeSettings, IpcError>> => {
      if (folder !== null && !folder.startsWith('/')) {
        return {
          status: 'error',
          error: plainError('invalid-input', `${folder} is not a full path; give the folder from the root`),
        };
      }
      host.intake = { ...host.intake, folder, failure: null };
      return ok(host.intake);
    },
  };
}
