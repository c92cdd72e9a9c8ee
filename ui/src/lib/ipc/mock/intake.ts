// The intake folder in the mock (Settings): a test sets what the intake found
// (`intake`); setting the folder needs a full path, and null stops watching.
// Hand-written: the shell's watcher is not recorded yet.
import { plainError } from '../backend';
import type { IntakeSettings } from '../bindings';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { ok } from './results';

export function noIntake(): IntakeSettings {
  return { folder: null, problems: [], failure: null };
}

/** The intake commands of MockBackend. */
export function intakeCommands(host: MockBackend) {
  return {
    intakeSettings: () => ok(host.intake),
    setIntakeFolder: (folder: string | null) => {
      if (folder !== null && !folder.startsWith('/')) {
        return {
          status: 'error' as const,
          error: plainError('invalid-input', `${folder} is not a full path; give the folder from the root`),
        };
      }
      host.intake = { ...host.intake, folder, failure: null };
      return ok(host.intake);
    },
  } satisfies Handlers;
}
