// An in-memory Backend for component tests. What the core knows and answers comes
// from the fixtures Rust records (../fixtures.ts): the status graph, the fields,
// the catalogue, list pages and boards, and scenes (what one test asks the core, in
// order, played by scene.ts). The mock adds only what the shell does around the core
// (a locked vault, files and dialogs, the clipboard, events) and keeps the cases a
// test makes by hand. It records every call. Never used by the app itself.
import type { Backend, Commands } from '../backend';
import type {
  CasesChanged,
  CaseView,
  DeadlineBoard,
  ErrorCode,
  IpcError,
  PolicyScreen,
  Result,
  TeamSynced,
  VaultLocked,
} from '../bindings';
import { catalogue, dataOf, type RecordedCall, type RecordedPage, type RecordedScene, type RecordedSnapshot } from '../fixtures';
import { caseCommands } from './cases';
import { deadlineCommands } from './deadlines';
import { draftCommands } from './drafts';
import { exportCommands } from './exports';
import type { Handlers } from './handlers';
import { intakeCommands, noIntake } from './intake';
import { fail, ok, unrecorded } from './results';
import { ScenePlayer } from './scene';
import { settingsCommands } from './settings';
import { playTeamSynced, teamCommands } from './team';
import { triageCommands } from './triage';
import { vaultCommands } from './vault';

export { caseView } from './case-view';

/** The core's case commands, answered from the scene while one plays (the rest of a scene's calls are in their areas). */
const FROM_SCENE = new Set<keyof Commands>([
  'listCases',
  'listHandlers',
  'newCase',
  'moveCase',
  'reopenCase',
  'setField',
  'addNote',
  'addChecklistItem',
  'setChecklistDone',
  'putReleaseLine',
  'removeReleaseLine',
  'importFiles',
  'deadlineBoard',
  'setWaiting',
  'logMet',
  'snoozeDeadline',
]);

export interface MockOptions {
  exists?: boolean;
  demo?: boolean;
  passphrase?: string;
  unlocked?: boolean;
  /** The database is older than the vault's last change until accepted. */
  rolledBack?: boolean;
  cases?: CaseView[];
  /** The mock's clock. */
  now?: string;
  /**
   * What the core answered for these cases at `now` (fixtures.ts): their list pages
   * and deadline boards. Without it, cases a test makes have no deadlines.
   */
  recorded?: RecordedSnapshot;
  /** What the core answered to the calls one test makes, in order (fixtures.ts). */
  scene?: RecordedScene;
  /** The core's answers to searches and filters of the recorded cases (listCases calls). */
  lists?: RecordedCall[];
}

export class MockBackend implements Backend {
  exists: boolean;
  demo: boolean;
  passphrase: string;
  unlocked: boolean;
  rolledBack: boolean;
  cases: CaseView[];
  idleLockMinutes = 10;
  /** The shell's clock for deadlines. */
  now: string;
  /** The core's deadline boards and list pages for the recorded cases. */
  boards: Record<string, DeadlineBoard> = {};
  pages: RecordedPage[] = [];
  /** The core's answers to searches and filters of the recorded cases. */
  lists: RecordedCall[] = [];
  /** The recorded board actions the next calls are answered with, in order. */
  replaying: RecordedCall[] = [];
  /** The recorded scene the drafts, exports, triage and team calls are answered from. */
  scene: ScenePlayer;
  /** Whether the test plays a recorded scene. */
  scenePlays: boolean;
  /** What the shell would write for a saved draft, by draft name (recorded with the scene). */
  sceneFiles: Record<string, string> = {};
  activePolicy = 'seed';
  /** The policy screens as the core recorded them, changed by replayed edits. */
  policyScreens: Record<string, PolicyScreen> = {
    seed: dataOf(catalogue.policy_screens.seed),
    custom: dataOf(catalogue.policy_screens.custom),
  };
  /** What Settings shows of the intake folder. */
  intake = noIntake();
  notifyShowTitles = false;
  /** What a notification's "Open" asked for. */
  pendingOpen: string | null = null;
  calls: { name: string; args: unknown[] }[] = [];
  pickedFiles: string[] | null = null;
  saveLocation: string | null = null;
  saveDialogs: { suggestedName: string; title?: string }[] = [];
  /** What the folder picker answers (null: cancelled), and the titles it was opened with. */
  pickedFolder: string | null = null;
  folderDialogs: string[] = [];
  /** What the shell's clipboard, mail app and file system received. */
  copied: string[] = [];
  mailtoOpened: string[] = [];
  written = new Map<string, string>();
  private openHandlers: (() => void)[] = [];
  private lockedHandlers: ((event: VaultLocked) => void)[] = [];
  private dropHandlers: ((paths: string[]) => void)[] = [];
  private teamSyncedHandlers: ((event: TeamSynced) => void)[] = [];
  private casesChangedHandlers: ((event: CasesChanged) => void)[] = [];

  constructor(options: MockOptions = {}) {
    this.exists = options.exists ?? true;
    this.demo = options.demo ?? false;
    this.passphrase = options.passphrase ?? 'correct horse battery staple';
    this.unlocked = options.unlocked ?? false;
    this.rolledBack = options.rolledBack ?? false;
    this.cases = options.cases ?? [];
    this.now = options.now ?? '2026-11-20T21:00:00Z';
    this.scene = new ScenePlayer(options.scene?.calls ?? []);
    this.scenePlays = options.scene !== undefined;
    if (options.scene) {
      this.cases = options.scene.cases;
      this.sceneFiles = options.scene.files;
    }
    this.lists = options.lists ?? [];
    if (options.recorded) {
      this.cases = Object.values(options.recorded.cases);
      this.boards = { ...options.recorded.boards };
      this.pages = options.recorded.pages;
    }
  }

  /** Answer the next board actions with these recorded calls, in order. */
  replay(calls: RecordedCall[]): void {
    this.replaying = [...calls];
  }

  /**
   * The scene's answer to `command(args)` on an unlocked vault; a recorded change
   * brings the cases as the core holds them after it. A call the scene lacks is
   * refused naming it: record it in Rust (export_fixtures), do not compute it here.
   */
  recorded<T>(command: keyof Commands, args: unknown[]): Result<T, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    const call = this.scene.take(command, args);
    if (!call) return unrecorded(command, args);
    for (const after of call.after?.cases ?? []) this.replace(after);
    return call.answer as Result<T, IpcError>;
  }

  /** A notification's "Open" for case `id`. */
  fireOpenCase(id: string): void {
    this.pendingOpen = id;
    this.openHandlers.forEach((handler) => handler());
  }

  fireVaultLocked(event: VaultLocked): void {
    this.unlocked = false;
    this.lockedHandlers.forEach((handler) => handler(event));
  }

  /** The scene's next background sync pass, heard by the window as the core recorded it. */
  playTeamSynced(): void {
    this.fireTeamSynced(playTeamSynced(this));
  }

  fireTeamSynced(event: TeamSynced): void {
    this.teamSyncedHandlers.forEach((handler) => handler(event));
  }

  fireCasesChanged(event: CasesChanged): void {
    this.casesChangedHandlers.forEach((handler) => handler(event));
  }

  fireDrop(paths: string[]): void {
    this.dropHandlers.forEach((handler) => handler(paths));
  }

  onVaultLocked = async (handler: (event: VaultLocked) => void) => {
    this.lockedHandlers.push(handler);
    return () => (this.lockedHandlers = this.lockedHandlers.filter((h) => h !== handler));
  };

  onTeamSynced = async (handler: (event: TeamSynced) => void) => {
    this.teamSyncedHandlers.push(handler);
    return () => (this.teamSyncedHandlers = this.teamSyncedHandlers.filter((h) => h !== handler));
  };

  onCasesChanged = async (handler: (event: CasesChanged) => void) => {
    this.casesChangedHandlers.push(handler);
    return () => (this.casesChangedHandlers = this.casesChangedHandlers.filter((h) => h !== handler));
  };

  onOpenCase = async (handler: () => void) => {
    this.openHandlers.push(handler);
    return () => (this.openHandlers = this.openHandlers.filter((h) => h !== handler));
  };

  onFilesDropped = async (handler: (paths: string[]) => void) => {
    this.dropHandlers.push(handler);
    return () => (this.dropHandlers = this.dropHandlers.filter((h) => h !== handler));
  };

  pickMailFiles = async () => this.pickedFiles;
  pickFolder = async (title: string) => {
    this.folderDialogs.push(title);
    return this.pickedFolder;
  };
  pickSaveLocation = async (suggestedName: string, title?: string) => {
    this.saveDialogs.push({ suggestedName, title });
    return this.saveLocation;
  };

  /** Calls made to a command, by its generated name. */
  callsTo(name: keyof Commands): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  find(id: string): CaseView | undefined {
    return this.cases.find((c) => c.id === id || c.id.endsWith(id));
  }

  replace(view: CaseView): void {
    this.cases = this.cases.map((c) => (c.id === view.id ? view : c));
  }

  /** Change case `id` as a test's own edit; a string from `change` is the refusal. */
  edit(id: string, change: (view: CaseView) => CaseView | string, refusedAs: ErrorCode = 'invalid-input'): Result<CaseView, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    const view = this.find(id);
    if (!view) return fail('not-found', `no case matches "${id}"`);
    const changed = change(view);
    if (typeof changed === 'string') return fail(refusedAs, changed);
    this.replace(changed);
    return ok(changed);
  }

  /**
   * Every handler of every area, recording its calls and answering as the shell
   * would (async). While a scene plays, the core's case commands are answered from
   * it only, never by the mock's own handling of hand-made cases.
   */
  private recordAll(handlers: Handlers): Commands {
    const recorded: Record<string, unknown> = {};
    for (const [name, body] of Object.entries(handlers)) {
      recorded[name] = async (...args: unknown[]) => {
        this.calls.push({ name, args });
        if (this.scenePlays && FROM_SCENE.has(name as keyof Commands)) return this.recorded(name as keyof Commands, args);
        return (body as (...a: unknown[]) => unknown)(...args);
      };
    }
    return recorded as Commands;
  }

  commands: Commands = this.recordAll({
    ...vaultCommands(this),
    ...caseCommands(this),
    ...deadlineCommands(this),
    ...draftCommands(this),
    ...exportCommands(this),
    ...triageCommands(this),
    ...teamCommands(this),
    ...settingsCommands(this),
    ...intakeCommands(this),
  } satisfies Required<Handlers>);
}
