// The one interface between the UI and the desktop shell. Components get a Backend
// from context (see context.ts); the Tauri implementation (tauri.ts) and the test
// mock (mock/) both satisfy it. No other module may import @tauri-apps/*.
import type { CasesChanged, commands, IpcError, Result, TeamSynced, VaultLocked } from './bindings';

export type Commands = typeof commands;

export interface Backend {
  /** Every shell command, typed from the Rust signatures (bindings.ts). */
  commands: Commands;
  /** Called when the shell locks the vault by itself (idle lock). */
  onVaultLocked(handler: (event: VaultLocked) => void): Promise<() => void>;
  /** Called after a background team sync merged teammates' work (or failed). */
  onTeamSynced(handler: (event: TeamSynced) => void): Promise<() => void>;
  /** Called after the shell carried out a command typed in a terminal (`embargo import -`). */
  onCasesChanged(handler: (event: CasesChanged) => void): Promise<() => void>;
  /** A notification's "Open" asked for a case (fetch it with takePendingOpen). */
  onOpenCase(handler: () => void): Promise<() => void>;
  /** Files dropped on the window (absolute paths). */
  onFilesDropped(handler: (paths: string[]) => void): Promise<() => void>;
  /** Native file picker for .eml/mbox files; null when cancelled. */
  pickMailFiles(): Promise<string[] | null>;
  /**
   * Native save dialog; null when cancelled. The dialog asks before replacing a
   * file, so what it returns may be written over.
   */
  pickSaveLocation(suggestedName: string, title?: string): Promise<string | null>;
  /** Native folder picker; null when cancelled. */
  pickFolder(title: string): Promise<string | null>;
}

/** A command that the shell refused, with its stable code and the refusal's data. */
export class IpcFailure extends Error {
  readonly code: IpcError['code'];
  readonly error: IpcError;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
    this.code = error.code;
    this.error = error;
  }
}

/** A refusal with only a code and the core's sentence (no input, reason or missing items). */
export function plainError(code: IpcError['code'], message: string): IpcError {
  return { code, message, input: null, refusal: null, missing: [], status_needs: [] };
}

/** The data of a successful command, or an IpcFailure thrown with its code. */
export function unwrap<T>(result: Result<T, IpcError>): T {
  if (result.status === 'error') throw new IpcFailure(result.error);
  return result.data;
}

/** The message to show for anything a command threw. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
