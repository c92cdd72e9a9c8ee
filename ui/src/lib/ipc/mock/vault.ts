// The vault's door in the mock: create, demo, unlock (wrong passphrase, rolled
// back database), lock. The shell's own behaviour, not the core's.
import type { ActiveVault } from '../bindings';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { fail, ok } from './results';

function active(host: MockBackend): ActiveVault {
  return {
    vault: { dir: '/home/ana/.local/share/embargo/vault', exists: host.exists, demo: host.demo, owner: host.exists ? 'Ana Ruiz' : null },
    isHome: !host.demo,
  };
}

/** The vault's commands of MockBackend. */
export function vaultCommands(host: MockBackend) {
  return {
    vaultStatus: () => ok(active(host)),
    isUnlocked: () => ok(host.unlocked),
    createVault: (name: string, _email: string, passphrase: string) => {
      if (passphrase.length < 8) return fail<ActiveVault>('invalid-input', 'the passphrase is too short');
      if (!name.trim()) return fail<ActiveVault>('invalid-input', '--name must not be empty');
      host.exists = true;
      host.unlocked = true;
      host.passphrase = passphrase;
      return ok(active(host));
    },
    openDemo: () => {
      host.demo = true;
      host.exists = true;
      host.unlocked = false;
      return ok(active(host));
    },
    leaveDemo: () => {
      host.demo = false;
      return ok(active(host));
    },
    unlock: (passphrase: string) => {
      if (passphrase !== host.passphrase) return fail<number>('wrong-passphrase', 'wrong passphrase for the vault');
      if (host.rolledBack) {
        return fail<number>(
          'rolled-back',
          "vault.db: this database is older than the vault's last change: restored from a backup or swapped? (it holds 3 changes, the vault's last change was number 5). Nothing was changed.",
        );
      }
      host.unlocked = true;
      return ok(host.idleLockMinutes);
    },
    unlockAcceptingRestored: (passphrase: string) => {
      if (passphrase !== host.passphrase) return fail<number>('wrong-passphrase', 'wrong passphrase for the vault');
      host.rolledBack = false;
      host.unlocked = true;
      return ok(host.idleLockMinutes);
    },
    lock: () => {
      host.unlocked = false;
      return ok(null);
    },
    touch: () => ok(null),
  } satisfies Handlers;
}
