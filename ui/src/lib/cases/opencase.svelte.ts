// The case on the right-hand side: loaded once, replaced by the view each change
// returns, so what is shown is always what the vault holds.
import { messageOf, unwrap, type Backend, type CaseView, type IpcError, type Result } from '../ipc';

export class OpenCase {
  view = $state<CaseView | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(
    readonly backend: Backend,
    private readonly changed: () => void,
  ) {}

  get commands() {
    return this.backend.commands;
  }

  async load(id: string): Promise<void> {
    this.error = null;
    try {
      this.view = unwrap(await this.commands.showCase(id));
    } catch (error) {
      this.view = null;
      this.error = messageOf(error);
    }
  }

  /** Show what the vault holds now, after a change made through another command
   * (a draft saved, the deadline board). */
  async refresh(): Promise<void> {
    if (!this.view) return;
    await this.load(this.view.id);
    this.changed();
  }

  close(): void {
    this.view = null;
    this.error = null;
  }

  /**
   * Run a change that answers with the updated case. Returns false (and keeps the
   * message in `error`) when the vault refused it.
   */
  async change(action: (id: string) => Promise<Result<CaseView, IpcError>>): Promise<boolean> {
    if (!this.view || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      this.view = unwrap(await action(this.view.id));
      this.changed();
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
