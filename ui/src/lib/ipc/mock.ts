// An in-memory Backend for component tests: behaves like the shell for the calls the
// UI makes (wrong passphrase, filters, moves, edits), records every call, and lets a
// test fire shell events (idle lock, dropped files). Never used by the app itself.
import { plainError, type Backend, type Commands } from './backend';
import { draftCommands, type DraftsHost } from './mock-drafts';
import { intakeCommands, noIntake, type IntakeHost } from './mock-intake';
import { triageCommands, type TriageHost } from './mock-triage';
import {
  caseFields,
  catalogue,
  dataOf,
  endsCase,
  nextStatuses,
  recordedAnswer,
  statusGraph,
  type RecordedCall,
  type RecordedPage,
  type RecordedSnapshot,
} from './fixtures';
import type {
  ActiveVault,
  CaseFilter,
  CasePage,
  CasesChanged,
  CaseRow,
  CaseView,
  DeadlineBoard,
  DeskSettings,
  PolicyScreen,
  ErrorCode,
  ExportSettings,
  ImportOutcome,
  IpcError,
  Result,
  Status,
  SyncStatus,
  TeamOverview,
  TeamSynced,
  TeamView,
  VaultLocked,
} from './bindings';

// Where a reopen takes a case, from the core's recorded reopens (the mock does not
// track where a closed case came from: it reopens as one closed after triage).
function reopenTarget(status: Status): Status | null {
  const reopen = statusGraph.reopens.find((r) => r.status === status && r.came_from !== 'published');
  return reopen && reopen.answer.status === 'ok' ? reopen.answer.data : null;
}

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
}

function recordedStatus(recorded: RecordedPage, id: string): Status {
  return (recorded.page.rows.find((row) => row.id === id)?.status ?? 'received') as Status;
}

export function caseView(id: string, title: string, overrides: Partial<CaseView> = {}): CaseView {
  const status = overrides.status ?? 'received';
  return {
    id,
    title,
    status,
    next_statuses: nextStatuses(status),
    reporter: { name: 'Mei Lin', email: 'mei@example.net', credit: null },
    received_at: '2026-11-20T09:00:00Z',
    channel: 'e-mail',
    handler: null,
    product: null,
    cve_id: null,
    cwe: null,
    embargo_at: null,
    cvss: [],
    checklist: [],
    notes: [],
    messages: [],
    attachments: [],
    release_lines: [],
    timeline: [],
    met: [],
    drafts: [],
    duplicate_of: null,
    duplicates: [],
    ...overrides,
  };
}

/** A bundle like the core's: `embargo-member-v1:` and base64 JSON (signature not checked here). */
export function memberBundleFor(name: string, email: string): string {
  return `embargo-member-v1:${btoa(JSON.stringify({ name, email }))}`;
}

function memberBundle(bundle: string): { name: string; email: string } | null {
  const prefix = 'embargo-member-v1:';
  if (!bundle.startsWith(prefix)) return null;
  try {
    const { name, email } = JSON.parse(atob(bundle.slice(prefix.length))) as { name?: unknown; email?: unknown };
    return typeof name === 'string' && typeof email === 'string' ? { name, email } : null;
  } catch {
    return null;
  }
}

const ok = <T>(data: T): Result<T, IpcError> => ({ status: 'ok', data });
const fail = <T>(code: ErrorCode, message: string): Result<T, IpcError> => ({
  status: 'error',
  error: plainError(code, message),
});

export class MockBackend implements Backend, DraftsHost, TriageHost, IntakeHost {
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
  /** The recorded board actions the next calls are answered with, in order. */
  replaying: RecordedCall[] = [];
  activePolicy = 'seed';
  /** The policy screens as the core recorded them, changed by replayed edits. */
  policyScreens: Record<string, PolicyScreen> = {
    seed: dataOf(catalogue.policy_screens.seed),
    custom: dataOf(catalogue.policy_screens.custom),
  };
  /** What the triage panel shows per case, and the triage queue. */
  triage: TriageHost['triage'] = {};
  queue: TriageHost['queue'] = [];
  /** What Settings shows of the intake folder. */
  intake = noIntake();
  notifyShowTitles = false;
  /** What a notification's "Open" asked for. */
  pendingOpen: string | null = null;
  private openHandlers: (() => void)[] = [];
  calls: { name: string; args: unknown[] }[] = [];
  private lockedHandlers: ((event: VaultLocked) => void)[] = [];
  private dropHandlers: ((paths: string[]) => void)[] = [];
  private teamSyncedHandlers: ((event: TeamSynced) => void)[] = [];
  private casesChangedHandlers: ((event: CasesChanged) => void)[] = [];
  team: TeamView | null = null;
  syncStatus: SyncStatus | null = null;
  /** What the next sync merges (events, and ids of my cases teammates changed). */
  nextSync = { imported: 0, mine: [] as string[] };
  pickedFiles: string[] | null = null;
  saveLocation: string | null = null;
  saveDialogs: { suggestedName: string; title?: string }[] = [];
  /** What the folder picker answers (null: cancelled), and the titles it was opened with. */
  pickedFolder: string | null = null;
  folderDialogs: string[] = [];
  // Drafts and exports (mock-drafts.ts).
  owner = { name: 'Ana Ruiz', email: 'ana@security.example.org' };
  exportSettings: ExportSettings = {};
  copied: string[] = [];
  mailtoOpened: string[] = [];
  written = new Map<string, string>();

  constructor(options: MockOptions = {}) {
    this.exists = options.exists ?? true;
    this.demo = options.demo ?? false;
    this.passphrase = options.passphrase ?? 'correct horse battery staple';
    this.unlocked = options.unlocked ?? false;
    this.rolledBack = options.rolledBack ?? false;
    this.cases = options.cases ?? [];
    this.now = options.now ?? '2026-11-20T21:00:00Z';
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

  /** The next replayed answer, if it is for this call; a refusal naming the call otherwise. */
  private replayed<T>(command: string, args: unknown[]): Result<T, IpcError> & { page?: CasePage } {
    const next = this.replaying[0];
    if (!next || next.command !== command || JSON.stringify(next.args) !== JSON.stringify(args)) {
      return fail('internal', `the mock has no recorded answer for ${command}(${JSON.stringify(args).slice(1, -1)})`);
    }
    this.replaying.shift();
    const after = (next as RecordedCall & { open_page_after?: CasePage }).open_page_after;
    if (after) this.pages = [{ view: 'open', sort: null, page: after }, ...this.pages];
    return next.answer as Result<T, IpcError>;
  }

  /** A notification's "Open" for case `id`. */
  fireOpenCase(id: string): void {
    this.pendingOpen = id;
    this.openHandlers.forEach((handler) => handler());
  }

  /** The core's board of a recorded case; a test's own cases have no rules. */
  private board(view: CaseView): DeadlineBoard {
    return (
      this.boards[view.id] ?? {
        case_id: view.id,
        now: this.now,
        profile: this.policyScreens[this.activePolicy].shown.name,
        zone: 'UTC',
        waiting_on_reporter: false,
        rules: [],
      }
    );
  }

  private settings(): DeskSettings {
    return { idleLockMinutes: this.idleLockMinutes, idleLockMin: 1, idleLockMax: 480, notifyShowTitles: this.notifyShowTitles };
  }

  /** A board action on an unlocked, existing case, answered as the core recorded it. */
  private onBoard(command: keyof Commands, args: [string, ...unknown[]]): Result<DeadlineBoard, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    const view = this.find(args[0]);
    if (!view) return fail('not-found', `no case matches "${args[0]}"`);
    const answer = this.replayed<DeadlineBoard>(command, args);
    if (answer.status === 'ok') this.boards[view.id] = answer.data;
    return answer;
  }

  /** Calls made to a command, by its generated name. */
  callsTo(name: keyof Commands): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  fireVaultLocked(event: VaultLocked): void {
    this.unlocked = false;
    this.lockedHandlers.forEach((handler) => handler(event));
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

  private active(): ActiveVault {
    return {
      vault: { dir: '/home/ana/.local/share/embargo/vault', exists: this.exists, demo: this.demo, owner: this.exists ? 'Ana Ruiz' : null },
      isHome: !this.demo,
    };
  }

  private overview(): TeamOverview {
    return {
      identity: {
        name: 'Ana Ruiz',
        email: 'ana@security.example.org',
        recipient: 'age1anaexamplerecipient',
        signing_key: 'a1'.repeat(32),
        bundle: memberBundleFor('Ana Ruiz', 'ana@security.example.org'),
        fingerprint: 'ANA1-2345-6789-ABCD-EF01',
      },
      team: this.team,
      status: this.team ? this.syncStatus : null,
    };
  }

  private startTeam(folder: string, name: string, role: 'admin' | 'member'): Result<TeamOverview, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    if (this.team) return fail('already-exists', 'this vault is already in a team');
    if (!folder) return fail('invalid-input', 'the team folder: no such directory');
    const you = { name: 'Ana Ruiz', email: 'ana@security.example.org', role, fingerprint: 'ANA1-2345-6789-ABCD-EF01', you: true };
    this.team = { format: 2, team: 'team-1', name, version: 1, folder, pinned_admin: you.fingerprint, members: [you] };
    this.syncStatus = {
      format: 2,
      generation_in_force: 1,
      generations_held: [1],
      attachments_not_arrived: 0,
      team: 'team-1',
      team_name: name,
      folder,
      folder_available: true,
      unsent_events: 0,
      roster_version: 1,
      roster_forks: [],
      devices: [
        { device: 'ana-laptop', member: 'Ana Ruiz', fingerprint: you.fingerprint, this_device: true, last_seq: 0, folder_seq: 0, lag: 0, blocked_at: null },
      ],
      quarantined: [],
      set_aside_events: [],
      waiting: [],
      ignored: [],
    };
    return ok(this.overview());
  }

  private changeRoster(change: (team: TeamView) => TeamView | string): Result<TeamOverview, IpcError> {
    if (!this.team) return fail('invalid-input', 'this vault is not in a team; create or join one first');
    if (!this.team.members.some((m) => m.you && m.role === 'admin')) {
      return fail('invalid-input', 'only a team admin can change the roster');
    }
    const changed = change(this.team);
    if (typeof changed === 'string') return fail('invalid-input', changed);
    this.team = { ...changed, version: changed.version + 1 };
    return ok(this.overview());
  }

  private summary(view: CaseView): Omit<CaseRow, 'deadline' | 'group'> {
    const severity = [...view.cvss].sort((a, b) => b.base_score - a.base_score)[0] ?? null;
    return {
      severity,
      reporter: view.reporter.name ?? view.reporter.email,
      waiting_on_reporter: this.boards[view.id]?.waiting_on_reporter ?? false,
      id: view.id,
      case_id: `uuid-${view.id}`,
      title: view.title,
      status: view.status,
      received_at: view.received_at,
      handler: view.handler,
      updated_at: view.received_at,
    };
  }

  find(id: string): CaseView | undefined {
    return this.cases.find((c) => c.id === id || c.id.endsWith(id));
  }

  replace(view: CaseView): void {
    this.cases = this.cases.map((c) => (c.id === view.id ? view : c));
  }

  /** Every function of `group`, recording its calls like the rest. */
  private recordAll<G extends Record<string, (...args: never[]) => unknown>>(group: G): G {
    const recorded: Record<string, unknown> = {};
    for (const [name, body] of Object.entries(group)) {
      recorded[name] = (...args: unknown[]) => {
        this.calls.push({ name, args });
        return (body as (...a: unknown[]) => unknown)(...args);
      };
    }
    return recorded as G;
  }

  private edit(
    id: string,
    change: (view: CaseView) => CaseView | string,
    refusedAs: ErrorCode = 'invalid-input',
  ): Result<CaseView, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    const view = this.find(id);
    if (!view) return fail('not-found', `no case matches "${id}"`);
    const changed = change(view);
    if (typeof changed === 'string') return fail(refusedAs, changed);
    this.cases = this.cases.map((c) => (c.id === view.id ? changed : c));
    return ok(changed);
  }

  private record<A extends unknown[], R>(name: keyof Commands, body: (...args: A) => R) {
    return async (...args: A): Promise<R> => {
      this.calls.push({ name, args });
      return body(...args);
    };
  }

  commands: Commands = {
    vaultStatus: this.record('vaultStatus', () => ok(this.active())),
    isUnlocked: this.record('isUnlocked', () => ok(this.unlocked)),
    createVault: this.record('createVault', (name: string, _email: string, passphrase: string) => {
      if (passphrase.length < 8) return fail<ActiveVault>('invalid-input', 'the passphrase is too short');
      if (!name.trim()) return fail<ActiveVault>('invalid-input', '--name must not be empty');
      this.exists = true;
      this.unlocked = true;
      this.passphrase = passphrase;
      return ok(this.active());
    }),
    openDemo: this.record('openDemo', () => {
      this.demo = true;
      this.exists = true;
      this.unlocked = false;
      return ok(this.active());
    }),
    leaveDemo: this.record('leaveDemo', () => {
      this.demo = false;
      return ok(this.active());
    }),
    unlock: this.record('unlock', (passphrase: string) => {
      if (passphrase !== this.passphrase) return fail<number>('wrong-passphrase', 'wrong passphrase for the vault');
      if (this.rolledBack) {
        return fail<number>(
          'rolled-back',
          "vault.db: this database is older than the vault's last change: restored from a backup or swapped? (it holds 3 changes, the vault's last change was number 5). Nothing was changed.",
        );
      }
      this.unlocked = true;
      return ok(this.idleLockMinutes);
    }),
    unlockAcceptingRestored: this.record('unlockAcceptingRestored', (passphrase: string) => {
      if (passphrase !== this.passphrase) return fail<number>('wrong-passphrase', 'wrong passphrase for the vault');
      this.rolledBack = false;
      this.unlocked = true;
      return ok(this.idleLockMinutes);
    }),
    lock: this.record('lock', () => {
      this.unlocked = false;
      return ok(null);
    }),
    touch: this.record('touch', () => ok(null)),
    listCases: this.record('listCases', (filter: CaseFilter) => {
      if (!this.unlocked) return fail<CasePage>('not-unlocked', 'the vault is locked');
      const words = (filter.words ?? '').toLowerCase().split(/\W+/).filter(Boolean);
      const matches = (row: { title: string; id: string }) =>
        words.every((w) => `${row.title} ${row.id}`.toLowerCase().split(/\W+/).some((t) => t.startsWith(w)));
      const recorded = this.pages.find((p) => p.view === (filter.view ?? null) && p.sort === (filter.sort ?? null));
      let rows: CaseRow[];
      if (this.pages.length > 0) {
        // The core's page for this view and sort, with what the test changed since:
        // a case that ended leaves the views of open cases.
        if (!recorded) return fail<CasePage>('internal', `the mock has no recorded page for ${JSON.stringify(filter)}`);
        const openView = filter.view !== 'ended' && filter.view !== 'all' && filter.view !== null;
        rows = recorded.page.rows
          .map((row) => {
            const view = this.find(row.id);
            return view ? { ...row, title: view.title, status: view.status, handler: view.handler } : row;
          })
          .filter((row) => !(openView && endsCase(row.status as Status) && !endsCase(recordedStatus(recorded, row.id))));
      } else {
        // A test's own cases, in its order, without deadlines; ended ones in their view.
        rows = this.cases
          .map((c) => {
            const ended = endsCase(c.status);
            return { ...this.summary(c), deadline: null, group: ended ? ('ended' as const) : ('open' as const) };
          })
          .filter((row) => {
            if (filter.view === 'all' || !filter.view) return true;
            return filter.view === 'ended' ? row.group === 'ended' : row.group !== 'ended';
          });
      }
      rows = rows.filter(
        (row) =>
          matches(row) &&
          (!filter.status || row.status === filter.status) &&
          (!filter.handler || (filter.handler.kind === 'unassigned' ? row.handler === null : row.handler === filter.handler.name)),
      );
      const limited = filter.limit === null ? rows : rows.slice(0, filter.limit);
      return ok({ rows: limited, total: rows.length, now: recorded?.page.now ?? this.now });
    }),
    listHandlers: this.record('listHandlers', () =>
      ok([...new Set(this.cases.map((c) => c.handler).filter((h): h is string => h !== null))].sort()),
    ),
    showCase: this.record('showCase', (id: string) => {
      const view = this.find(id);
      return view ? ok(view) : fail<CaseView>('not-found', `no case matches "${id}"`);
    }),
    newCase: this.record('newCase', (details) => {
      if (!details.title.trim()) return fail<string>('invalid-input', 'a case needs a title');
      const id = `EMB-2026-${String(this.cases.length + 1).padStart(4, '0')}`;
      this.cases = [caseView(id, details.title.trim()), ...this.cases];
      return ok(id);
    }),
    moveCase: this.record('moveCase', (id: string, to: Status) =>
      this.edit(id, (view) =>
        view.next_statuses.includes(to)
          ? { ...view, status: to, next_statuses: nextStatuses(to) }
          : `cannot move from ${view.status} to ${to}: ${to} needs ${statusGraph.statuses.find((s) => s.next.includes(to))?.status} first`,
        'refused',
      ),
    ),
    reopenCase: this.record('reopenCase', (id: string) =>
      this.edit(id, (view) =>
        reopenTarget(view.status)
          ? { ...view, status: reopenTarget(view.status)!, next_statuses: nextStatuses(reopenTarget(view.status)!) }
          : `the case is ${view.status}, not closed or ended in triage; there is nothing to reopen`,
      ),
    ),
    setField: this.record('setField', (id: string, field: string, value: string) => {
      // The core's refusals, recorded (an unknown field, a malformed value).
      const refused = caseFields.refused.find((r) => r.args[1] === field && r.args[2] === value)?.answer;
      if (refused?.status === 'error') return fail<CaseView>(refused.error.code, refused.error.message);
      if (!caseFields.fields.some((f) => f.name === field)) {
        return fail<CaseView>('invalid-input', `unknown field "${field}"; fields are: ${caseFields.fields.map((f) => f.name).join(', ')}`);
      }
      return this.edit(id, (view) => {
        switch (field) {
          case 'title':
            return { ...view, title: value.trim() };
          case 'handler':
            return { ...view, handler: value.trim() || null };
          case 'cve':
            return { ...view, cve_id: value.toUpperCase() || null };
          case 'embargo':
            return { ...view, embargo_at: value || null };
          case 'product':
            return { ...view, product: value.trim() || null };
          default:
            return { ...view };
        }
      });
    }),
    addNote: this.record('addNote', (id: string, text: string) =>
      this.edit(id, (view) => ({ ...view, notes: [...view.notes, { at: '2026-11-24T09:00:00Z', text }] })),
    ),
    addChecklistItem: this.record('addChecklistItem', (id: string, text: string) =>
      this.edit(id, (view) => ({
        ...view,
        checklist: [...view.checklist, { id: `item-${view.checklist.length + 1}`, text, done: false }],
      })),
    ),
    setChecklistDone: this.record('setChecklistDone', (id: string, position: number, done: boolean) =>
      this.edit(id, (view) => ({
        ...view,
        checklist: view.checklist.map((item, i) => (i === position - 1 ? { ...item, done } : item)),
      })),
    ),
    putReleaseLine: this.record('putReleaseLine', (id, line) =>
      this.edit(id, (view) => ({
        ...view,
        release_lines: view.release_lines.some((l) => l.line === line.line)
          ? view.release_lines.map((l) => (l.line === line.line ? line : l))
          : [...view.release_lines, line],
      })),
    ),
    removeReleaseLine: this.record('removeReleaseLine', (id: string, line: string) =>
      this.edit(id, (view) => ({ ...view, release_lines: view.release_lines.filter((l) => l.line !== line) })),
    ),
    importFiles: this.record('importFiles', (paths: string[]) => {
      if (paths.some((p) => !p.endsWith('.eml') && !p.endsWith('.mbox'))) {
        return fail<ImportOutcome[]>('invalid-input', `${paths[0]}: not an e-mail message`);
      }
      return ok(
        paths.map((file) => {
          const id = `EMB-2026-${String(this.cases.length + 1).padStart(4, '0')}`;
          this.cases = [caseView(id, `Report from ${file}`), ...this.cases];
          return { case_id: id, action: 'created' as const, file, warnings: [] };
        }),
      );
    }),
    saveAttachment: this.record('saveAttachment', (id: string, name: string) => {
      const attachment = this.cases.find((c) => c.id === id)?.attachments.find((a) => a.name === name);
      if (attachment && !attachment.available) {
        return fail<number>(
          'not-ready',
          `${name} on ${id} has not arrived yet from the team folder; it will after a sync once the file-sync tool has delivered it`,
        );
      }
      return ok(attachment?.size ?? 1234);
    }),
    teamOverview: this.record('teamOverview', () =>
      this.unlocked ? ok(this.overview()) : fail<TeamOverview>('not-unlocked', 'the vault is locked; unlock it first'),
    ),
    createTeam: this.record('createTeam', (folder: string, name: string) =>
      name.trim() ? this.startTeam(folder, name, 'admin') : fail<TeamOverview>('invalid-input', 'a team needs a name'),
    ),
    joinTeam: this.record('joinTeam', (folder: string, fingerprint: string) =>
      fingerprint === 'BOB1-2345-6789-ABCD-EF01'
        ? this.startTeam(folder, 'PSIRT', 'member')
        : fail<TeamOverview>('invalid-input', `the roster in ${folder} does not chain back to the admin fingerprint ${fingerprint}`),
    ),
    addMember: this.record('addMember', (bundle: string, admin: boolean) =>
      this.changeRoster((team) => {
        const who = memberBundle(bundle);
        if (!who) return 'not a member bundle (ask for the line `embargo identity show` prints)';
        const member = { ...who, role: admin ? ('admin' as const) : ('member' as const), fingerprint: `FP-${who.name}`, you: false };
        return { ...team, members: [...team.members, member] };
      }),
    ),
    removeMember: this.record('removeMember', (who: string) =>
      this.changeRoster((team) => {
        const member = team.members.find((m) => m.fingerprint === who || m.name === who || m.email === who);
        if (!member) return `no member matches "${who}"`;
        return { ...team, members: team.members.filter((m) => m !== member) };
      }),
    ),
    upgradeTeam: this.record('upgradeTeam', () =>
      this.changeRoster((team) => {
        if (team.format >= 2) return 'this team folder is already upgraded; sync to switch to it';
        this.syncStatus = this.syncStatus && { ...this.syncStatus, format: 2, generation_in_force: 1, generations_held: [1] };
        return { ...team, format: 2 };
      }),
    ),
    syncNow: this.record('syncNow', () => {
      if (!this.team || !this.syncStatus) {
        return fail<never>('invalid-input', 'this vault is not in a team; create or join one first');
      }
      const report = {
        roster_version: this.team.version,
        imported_segments: this.nextSync.imported > 0 ? 1 : 0,
        imported_events: this.nextSync.imported,
        exported_segments: this.syncStatus.unsent_events > 0 ? 1 : 0,
        exported_events: this.syncStatus.unsent_events,
        changed_cases: [],
        team_changed: false,
        quarantined: this.syncStatus.quarantined.length,
        waiting: this.syncStatus.waiting.length,
      };
      const mine = this.nextSync.mine;
      this.syncStatus = { ...this.syncStatus, unsent_events: 0 };
      this.nextSync = { imported: 0, mine: [] };
      return ok({ report, mine, overview: this.overview() });
    }),
    getSettings: this.record('getSettings', () => ok(this.settings())),
    setIdleLock: this.record('setIdleLock', (minutes: number) => {
      if (minutes < 1 || minutes > 480) {
        return fail<DeskSettings>('invalid-input', `the idle lock must be between 1 and 480 minutes, not ${minutes}`);
      }
      this.idleLockMinutes = minutes;
      return ok(this.settings());
    }),
    deadlineBoard: this.record('deadlineBoard', (id: string) => {
      if (!this.unlocked) return fail<DeadlineBoard>('not-unlocked', 'the vault is locked; unlock it first');
      const view = this.find(id);
      return view ? ok(this.board(view)) : fail<DeadlineBoard>('not-found', `no case matches "${id}"`);
    }),
    setWaiting: this.record('setWaiting', (id: string, waiting: boolean) => this.onBoard('setWaiting', [id, waiting])),
    logMet: this.record('logMet', (id: string, rule: string) => this.onBoard('logMet', [id, rule])),
    snoozeDeadline: this.record('snoozeDeadline', (id: string, rule: string, hours: number) =>
      this.onBoard('snoozeDeadline', [id, rule, hours]),
    ),
    takePendingOpen: this.record('takePendingOpen', () => {
      if (!this.unlocked) return fail<string | null>('not-unlocked', 'the vault is locked; unlock it first');
      const id = this.pendingOpen;
      this.pendingOpen = null;
      return ok(id);
    }),
    changePassphrase: this.record('changePassphrase', (current: string, next: string, repeated: string) => {
      if (!this.unlocked) return fail<null>('not-unlocked', 'the vault is locked; unlock it first');
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
      if (current !== this.passphrase) return fail<null>('wrong-passphrase', 'wrong passphrase for the vault');
      this.passphrase = next;
      return ok(null);
    }),
    setNotifyTitles: this.record('setNotifyTitles', (on: boolean) => {
      this.notifyShowTitles = on;
      return ok(this.settings());
    }),
    policyScreen: this.record('policyScreen', (id: string | null) => {
      const screen = this.policyScreens[id ?? this.activePolicy];
      return screen ? ok(screen) : fail<PolicyScreen>('invalid-input', `no policy profile "${id}"; profiles are: seed, custom`);
    }),
    editPolicy: this.record('editPolicy', (id: string, key: string, value: string) => {
      const answer = recordedAnswer(catalogue.policy_edits, 'editPolicy', [id, key, value]) as Result<PolicyScreen, IpcError> | undefined;
      if (!answer) return fail<PolicyScreen>('internal', `the mock has no recorded answer for editPolicy(${id}, ${key}, ${value})`);
      if (answer.status === 'ok') this.policyScreens[id] = answer.data;
      return answer;
    }),
    usePolicy: this.record('usePolicy', (id: string) => {
      const answer = recordedAnswer(catalogue.policy_uses, 'usePolicy', [id]) as Result<PolicyScreen, IpcError> | undefined;
      if (!answer) return fail<PolicyScreen>('internal', `the mock has no recorded answer for usePolicy(${id})`);
      if (answer.status === 'ok') {
        this.activePolicy = id;
        this.policyScreens[id] = answer.data;
      }
      return answer;
    }),
    ...this.recordAll(draftCommands(this)),
    ...this.recordAll(triageCommands(this)),
    ...this.recordAll(intakeCommands(this)),
  };
}
