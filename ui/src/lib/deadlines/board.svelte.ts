// The deadline board's state: the core's board for the open case, and its actions.
import {
  messageOf,
  unwrap,
  type Backend,
  type CatalogEntry,
  type DeadlineBoard,
  type IpcError,
  type Result,
} from '../ipc';

export class Board {
  board = $state<DeadlineBoard | null>(null);
  /** Templates whose reply meets a rule, for "Draft …" on that rule's row. */
  replies = $state<CatalogEntry[]>([]);
  error = $state<string | null>(null);
  busy = $state(false);
  private generation = 0;

  constructor(
    private readonly backend: Backend,
    /** The case changed through the board (met, waiting): reload what shows it. */
    private readonly changed: () => void,
  ) {}

  /** The template to answer `rule` with: the reporter's one that meets it. */
  replyFor(rule: string): CatalogEntry | undefined {
    return this.replies.find((t) => t.meets === rule && t.audience === 'reporter');
  }

  async loadReplies(): Promise<void> {
    try {
      this.replies = unwrap(await this.backend.commands.listTemplates()).filter((t) => t.meets !== null);
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Render the reply that meets `rule` onto the case; returns the new draft's id. */
  async draftReply(rule: string): Promise<string | null> {
    const template = this.replyFor(rule);
    if (!this.board || !template || this.busy) return null;
    this.busy = true;
    this.error = null;
    try {
      const draft = unwrap(await this.backend.commands.newDraft(this.board.case_id, template.id));
      this.changed();
      return draft.id;
    } catch (error) {
      this.error = messageOf(error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  async load(id: string): Promise<void> {
    const generation = ++this.generation;
    try {
      const board = unwrap(await this.backend.commands.deadlineBoard(id));
      if (generation !== this.generation) return;
      this.board = board;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = messageOf(error);
    }
  }

  private async act(action: (id: string) => Promise<Result<DeadlineBoard, IpcError>>, changesCase: boolean) {
    if (!this.board || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      this.board = unwrap(await action(this.board.case_id));
      if (changesCase) this.changed();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  setWaiting(waiting: boolean) {
    return this.act((id) => this.backend.commands.setWaiting(id, waiting), true);
  }

  logMet(rule: string) {
    return this.act((id) => this.backend.commands.logMet(id, rule), true);
  }

  snooze(rule: string, hours: number) {
    return this.act((id) => this.backend.commands.snoozeDeadline(id, rule, hours), false);
  }
}
