// The device settings, the passphrase change and a notification's pending case.
import type { DeskSettings } from '../bindings';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { fail, ok } from './results';

function settings(host: MockBackend): DeskSettings {
  return { idleLockMinutes: host.idleLockMinutes, idleLockMin: 1, idleLockMax: 480, notifyShowTitles: host.notifyShowTitles };
}

/** The settings commands of MockBackend. */
export function settingsCommands(host: MockBackend) {
  return {
    getSettings: () => ok(settings(host)),
    setIdleLock: (minutes: number) => {
      if (minutes < 1 || minutes > 480) {
        return fail<DeskSettings>('invalid-input', `the idle lock must be between 1 and 480 minutes, not ${minutes}`);
      }
      host.idleLockMinutes = minutes;
      return ok(settings(host));
    },
    takePendingOpen: () => {
      if (!host.unlocked) return fail<string | null>('not-unlocked', 'the vault is locked; unlock it first');
      const id = host.pendingOpen;
      host.pendingOpen = null;
      return ok(id);
    },
    changePassphrase: (current: string, next: string, repeated: string) => {
      if (!host.unlocked) return fail<null>('not-unlocked', 'the vault is locked; unlock it first');
      // The core's order and words (embargo-api passphrase_change.rs).
      if (next !== repeated) {
        return fail<null>('invalid-input', 'the new passphrase and its repetition differ; nothing was changed');
      }
      if ([...next].length < 8) {
        return fail<null>(
          'invalid-input',
          'the passphrase is too short: use at least 8 characters (a few words is best)',
        );
      }
      if (current !== host.passphrase) return fail<null>('wrong-passphrase', 'wrong passphrase for the vault');
      host.passphrase = next;
      return ok(null);
    },
    setNotifyTitles: (on: boolean) => {
      host.notifyShowTitles = on;
      return ok(settings(host));
    },
  } satisfies Handlers;
}
