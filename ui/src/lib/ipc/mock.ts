// An in-memory Backend for component tests: behaves like the shell for the calls the
// UI makes (wrong passphrase, filters, moves, edits), records every call, and lets a
// test fire shell events (idle lock, dropped files). Never used by the app itself.
import type { Backend, Commands } from './backend';
import { agendaOf, groupOf } from './mock-agenda';
import { draftCommands, type DraftsHost } from './mock-drafts';
import { triageCommands, type TriageHost } from './mock-triage';
import {
  badgeOf,
  boardOf,
  policyEditProblem,
  policyScreen,
  PROFILES,
  SEED_RULES,
  type CaseDeadlines,
} from './mock-deadlines';
import type {
  ActiveVault,
  CaseFilter,
  CasePage,
  CasesChanged,
  CaseRow,
  CaseView,
  DeadlineBoard,
  DeskSettings,
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

const NEXT: Record<Status, Status[]> = {
  received: ['acknowledged'],
  acknowledged: ['triaging'],
  triaging: ['confirmed', 'not-a-vulnerability', 'duplicate', 'third-party'],
  confirmed: ['fixing'],
  'not-a-vulnerability': ['closed'],
  duplicate: ['closed'],
  'third-party': ['closed'],
  fixing: ['fix-ready'],
  'fix-ready': ['cve-requested'],
  'cve-requested': ['scheduled'],
  scheduled: ['announced'],
  announced: ['published'],
  published: ['closed'],
  closed: [],
};

// Where a reopen goes (the mock does not track where a closed case came from).
const REOPENS: Partial<Record<Status, Status>> = {
  'not-a-vulnerability': 'triaging',
  duplicate: 'triaging',
  'third-party': 'triaging',
  closed: 'triaging',
};

export interface MockOptions {
  exists?: boolean;
  demo?: boolean;
  passphrase?: string;
  unlocked?: boolean;
  cases?: CaseView[];
  /** The mock's clock (deadlines are computed at it). */
  now?: string;
}

export function caseView(id: string, title: string, overrides: Partial<CaseView> = {}): CaseView {
  const status = overrides.status ?? 'received';
  return {
    id,
    title,
    status,
    next_statuses: NEXT[status],
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
  error: { code, message },
});

export class MockBackend implements Backend, DraftsHost, TriageHost {
  exists: boolean;
  demo: boolean;
  passphrase: string;
  unlocked: boolean;
  cases: CaseView[];
  idleLockMinutes = 10;
  /** The shell's clock for deadlines. */
  now: string;
  /** Per case: steps logged as met, waiting on the reporter, snoozes. */
  deadlines: Record<string, CaseDeadlines> = {};
  activePolicy = 'seed';
  /** What the triage panel shows per case, and the triage queue. */
  triage: TriageHost['triage'] = {};
  queue: TriageHost['queue'] = [];
  /** Settings changed in the team's editable profile. */
  policyEdits: Record<string, string> = {};
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
    this.cases = options.cases ?? [];
    this.now = options.now ?? '2026-11-20T21:00:00Z';
  }

  /** A notification's "Open" for case `id`. */
  fireOpenCase(id: string): void {
    this.pendingOpen = id;
    this.openHandlers.forEach((handler) => handler());
  }

  private facts(id: string): CaseDeadlines {
    this.deadlines[id] ??= { met: [], waiting: false, snoozed: {} };
    return this.deadlines[id];
  }

  private board(view: CaseView): DeadlineBoard {
    const profile = PROFILES.find((p) => p.id === this.activePolicy)?.name ?? 'Seed policy';
    return boardOf(view, this.facts(view.id), this.now, profile);
  }

  private settings(): DeskSettings {
    return { idleLockMinutes: this.idleLockMinutes, idleLockMin: 1, idleLockMax: 480, notifyShowTitles: this.notifyShowTitles };
  }

  /** A board action on an unlocked, existing case. */
  private onBoard(id: string, action: (view: CaseView, facts: CaseDeadlines) => string | void): Result<DeadlineBoard, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    const view = this.find(id);
    if (!view) return fail('not-found', `no case matches "${id}"`);
    const refused = action(view, this.facts(view.id));
    if (typeof refused === 'string') return fail('invalid-input', refused);
    return ok(this.board(this.find(id) ?? view));
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
    if (this.team) return fail('invalid-input', 'this vault is already in a team');
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
      waiting_on_reporter: this.deadlines[view.id]?.waiting ?? false,
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

  private edit(id: string, change: (view: CaseView) => CaseView | string): Result<CaseView, IpcError> {
    if (!this.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
    const view = this.find(id);
    if (!view) return fail('not-found', `no case matches "${id}"`);
    const changed = change(view);
    if (typeof changed === 'string') return fail('invalid-input', changed);
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
      const rows = this.cases.filter(
        (c) =>
          (!filter.status || c.status === filter.status) &&
          (!filter.handler ||
            (filter.handler.kind === 'unassigned' ? c.handler === null : c.handler === filter.handler.name)) &&
          words.every((w) => `${c.title} ${c.id}`.toLowerCase().split(/\W+/).some((t) => t.startsWith(w))),
      );
      const listed = agendaOf(
        rows.map((c) => {
          const row = { ...this.summary(c), deadline: badgeOf(this.board(c)) };
          return { ...row, group: groupOf(row, this.now) };
        }),
        filter,
        this.owner.name,
      );
      const limited = filter.limit === null ? listed : listed.slice(0, filter.limit);
      return ok({ rows: limited, total: listed.length, now: this.now });
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
          ? { ...view, status: to, next_statuses: NEXT[to] }
          : `cannot move ${view.id} from ${view.status} to ${to}`,
      ),
    ),
    reopenCase: this.record('reopenCase', (id: string) =>
      this.edit(id, (view) =>
        REOPENS[view.status]
          ? { ...view, status: REOPENS[view.status]!, next_statuses: NEXT[REOPENS[view.status]!] }
          : `the case is ${view.status}, not closed or ended in triage; there is nothing to reopen`,
      ),
    ),
    setField: this.record('setField', (id: string, field: string, value: string) =>
      this.edit(id, (view) => {
        switch (field) {
          case 'title':
            return value.trim() ? { ...view, title: value.trim() } : 'title: must not be empty';
          case 'handler':
            return { ...view, handler: value.trim() || null };
          case 'cve':
            return /^CVE-\d{4}-\d{4,}$/i.test(value) || value === ''
              ? { ...view, cve_id: value.toUpperCase() || null }
              : `"${value}" is not a CVE id like CVE-2026-12345`;
          case 'embargo':
            return { ...view, embargo_at: value || null };
          default:
            return { ...view };
        }
      }),
    ),
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
    deadlineBoard: this.record('deadlineBoard', (id: string) => this.onBoard(id, () => undefined)),
    setWaiting: this.record('setWaiting', (id: string, waiting: boolean) =>
      this.onBoard(id, (view, facts) => {
        if (facts.waiting === waiting) {
          return waiting
            ? `${view.id} already waits on the reporter`
            : `${view.id} is not waiting on the reporter (mark it with \`case needs-info\`)`;
        }
        facts.waiting = waiting;
      }),
    ),
    logMet: this.record('logMet', (id: string, rule: string) =>
      this.onBoard(id, (view, facts) => {
        const policyRule = SEED_RULES.find((r) => r.rule === rule);
        if (!policyRule) return `no rule ${rule} in the active policy`;
        const done = facts.met.find((m) => m.rule === rule);
        if (!policyRule.restartsOn && done) return `${rule} was already logged for ${view.id} at ${done.at}`;
        facts.met.push({ rule, at: this.now });
        this.cases = this.cases.map((c) => (c.id === view.id ? { ...c, met: [...c.met, { rule, at: this.now }] } : c));
      }),
    ),
    snoozeDeadline: this.record('snoozeDeadline', (id: string, rule: string, hours: number) =>
      this.onBoard(id, (_view, facts) => {
        if (!SEED_RULES.some((r) => r.rule === rule)) return `no rule ${rule} in the active policy`;
        if (hours <= 0) return '--for must be longer than 0m (e.g. 2h)';
        facts.snoozed[rule] = new Date(Date.parse(this.now) + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
      }),
    ),
    takePendingOpen: this.record('takePendingOpen', () => {
      if (!this.unlocked) return fail<string | null>('not-unlocked', 'the vault is locked; unlock it first');
      const id = this.pendingOpen;
      this.pendingOpen = null;
      return ok(id);
    }),
    setNotifyTitles: this.record('setNotifyTitles', (on: boolean) => {
      this.notifyShowTitles = on;
      return ok(this.settings());
    }),
    policyScreen: this.record('policyScreen', (id: string | null) => {
      if (id !== null && !PROFILES.some((p) => p.id === id)) {
        return fail<ReturnType<typeof policyScreen>>('invalid-input', `no policy profile "${id}"`);
      }
      return ok(policyScreen(this.activePolicy, id, this.policyEdits));
    }),
    editPolicy: this.record('editPolicy', (id: string, key: string, value: string) => {
      const problem = policyEditProblem(id, key, value);
      if (problem) return fail<ReturnType<typeof policyScreen>>('invalid-input', problem);
      this.policyEdits[key] = value.trim();
      return ok(policyScreen(this.activePolicy, id, this.policyEdits));
    }),
    usePolicy: this.record('usePolicy', (id: string) => {
      if (!PROFILES.some((p) => p.id === id)) {
        return fail<ReturnType<typeof policyScreen>>('invalid-input', `no policy profile "${id}"; profiles are: seed, custom`);
      }
      this.activePolicy = id;
      return ok(policyScreen(id, null, this.policyEdits));
    }),
    ...this.recordAll(draftCommands(this)),
    ...this.recordAll(triageCommands(this)),
  };
}
