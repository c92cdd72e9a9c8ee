// Which screen the window shows, and the moves between them: unlock, create,
// demo, lock (by the person or by the shell's idle lock).
import { messageOf, unwrap, type Backend, type LockReason, type ActiveVault } from '../ipc';

export type Screen =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'unlock'; status: ActiveVault }
  | { kind: 'desk'; status: ActiveVault };

export class DeskSession {
  screen = $state<Screen>({ kind: 'loading' });
  /** Why the vault was locked, shown once on the unlock screen. */
  lockNotice = $state<string | null>(null);
  idleLockMinutes = $state(10);

  constructor(readonly backend: Backend) {}

  get commands() {
    return this.backend.commands;
  }

  async start(): Promise<void> {
    try {
      const status = unwrap(await this.commands.vaultStatus());
      const unlocked = unwrap(await this.commands.isUnlocked());
      this.screen = unlocked ? { kind: 'desk', status } : { kind: 'unlock', status };
    } catch (error) {
      this.screen = { kind: 'failed', message: messageOf(error) };
    }
  }

  /** Throws an IpcFailure (code `wrong-passphrase`, …) for the form to show. */
  async unlock(passphrase: string): Promise<void> {
    this.idleLockMinutes = unwrap(await this.commands.unlock(passphrase));
    this.lockNotice = null;
    await this.showDesk();
  }

  /**
   * Unlock a vault whose database is older than its last change (code
   * `rolled-back`): only after the person confirmed they put a backup back.
   */
  async unlockAcceptingRestored(passphrase: string): Promise<void> {
    this.idleLockMinutes = unwrap(await this.commands.unlockAcceptingRestored(passphrase));
    this.lockNotice = null;
    await this.showDesk();
  }

  async create(name: string, email: string, passphrase: string): Promise<void> {
    unwrap(await this.commands.createVault(name, email, passphrase));
    this.lockNotice = null;
    await this.showDesk();
  }

  async openDemo(): Promise<void> {
    const status = unwrap(await this.commands.openDemo());
    this.screen = { kind: 'unlock', status };
  }

  async leaveDemo(): Promise<void> {
    const status = unwrap(await this.commands.leaveDemo());
    this.screen = { kind: 'unlock', status };
  }

  async lock(): Promise<void> {
    // The screen first: the shell may still be waiting for a sync pass to stop.
    const locked = this.commands.lock();
    await this.backToUnlock(null);
    unwrap(await locked);
  }

  /** The shell locked the vault on its own. */
  lockedByShell(reason: LockReason): void {
    const notices: Record<LockReason, string | null> = {
      idle: `Locked after ${this.idleLockMinutes} idle minutes.`,
      'screen-locked': 'Locked because the screen was locked.',
      sleep: 'Locked because the computer went to sleep.',
      requested: null,
    };
    void this.backToUnlock(notices[reason]);
  }

  private async showDesk(): Promise<void> {
    const status = unwrap(await this.commands.vaultStatus());
    this.screen = { kind: 'desk', status };
  }

  private async backToUnlock(notice: string | null): Promise<void> {
    this.lockNotice = notice;
    // No case may stay on screen while the vault's status is fetched.
    if (this.screen.kind === 'desk') this.screen = { kind: 'unlock', status: this.screen.status };
    try {
      const status = unwrap(await this.commands.vaultStatus());
      this.screen = { kind: 'unlock', status };
    } catch (error) {
      this.screen = { kind: 'failed', message: messageOf(error) };
    }
  }
}
