// Team and sync in the mock: still hand-written (creating a team, the roster and
// a sync need a team folder and a second device; not recorded yet).
import type { IpcError, Result, TeamOverview, TeamView } from '../bindings';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { fail, ok } from './results';

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

function overview(host: MockBackend): TeamOverview {
  return {
    identity: {
      name: 'Ana Ruiz',
      email: 'ana@security.example.org',
      recipient: 'age1anaexamplerecipient',
      signing_key: 'a1'.repeat(32),
      bundle: memberBundleFor('Ana Ruiz', 'ana@security.example.org'),
      fingerprint: 'ANA1-2345-6789-ABCD-EF01',
    },
    team: host.team,
    status: host.team ? host.syncStatus : null,
  };
}

function startTeam(host: MockBackend, folder: string, name: string, role: 'admin' | 'member'): Result<TeamOverview, IpcError> {
  if (!host.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
  if (host.team) return fail('already-exists', 'this vault is already in a team');
  if (!folder) return fail('invalid-input', 'the team folder: no such directory');
  const you = { name: 'Ana Ruiz', email: 'ana@security.example.org', role, fingerprint: 'ANA1-2345-6789-ABCD-EF01', you: true };
  host.team = { format: 2, team: 'team-1', name, version: 1, folder, pinned_admin: you.fingerprint, members: [you] };
  host.syncStatus = {
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
  return ok(overview(host));
}

function changeRoster(host: MockBackend, change: (team: TeamView) => TeamView | string): Result<TeamOverview, IpcError> {
  if (!host.team) return fail('invalid-input', 'this vault is not in a team; create or join one first');
  if (!host.team.members.some((m) => m.you && m.role === 'admin')) {
    return fail('invalid-input', 'only a team admin can change the roster');
  }
  const changed = change(host.team);
  if (typeof changed === 'string') return fail('invalid-input', changed);
  host.team = { ...changed, version: changed.version + 1 };
  return ok(overview(host));
}

/** The team and sync commands of MockBackend. */
export function teamCommands(host: MockBackend) {
  return {
    teamOverview: () =>
      host.unlocked ? ok(overview(host)) : fail<TeamOverview>('not-unlocked', 'the vault is locked; unlock it first'),
    createTeam: (folder: string, name: string) =>
      name.trim() ? startTeam(host, folder, name, 'admin') : fail<TeamOverview>('invalid-input', 'a team needs a name'),
    joinTeam: (folder: string, fingerprint: string) =>
      fingerprint === 'BOB1-2345-6789-ABCD-EF01'
        ? startTeam(host, folder, 'PSIRT', 'member')
        : fail<TeamOverview>('invalid-input', `the roster in ${folder} does not chain back to the admin fingerprint ${fingerprint}`),
    addMember: (bundle: string, admin: boolean) =>
      changeRoster(host, (team) => {
        const who = memberBundle(bundle);
        if (!who) return 'not a member bundle (ask for the line `embargo identity show` prints)';
        const member = { ...who, role: admin ? ('admin' as const) : ('member' as const), fingerprint: `FP-${who.name}`, you: false };
        return { ...team, members: [...team.members, member] };
      }),
    removeMember: (who: string) =>
      changeRoster(host, (team) => {
        const member = team.members.find((m) => m.fingerprint === who || m.name === who || m.email === who);
        if (!member) return `no member matches "${who}"`;
        return { ...team, members: team.members.filter((m) => m !== member) };
      }),
    upgradeTeam: () =>
      changeRoster(host, (team) => {
        if (team.format >= 2) return 'this team folder is already upgraded; sync to switch to it';
        host.syncStatus = host.syncStatus && { ...host.syncStatus, format: 2, generation_in_force: 1, generations_held: [1] };
        return { ...team, format: 2 };
      }),
    syncNow: () => {
      if (!host.team || !host.syncStatus) {
        return fail<never>('invalid-input', 'this vault is not in a team; create or join one first');
      }
      const report = {
        roster_version: host.team.version,
        imported_segments: host.nextSync.imported > 0 ? 1 : 0,
        imported_events: host.nextSync.imported,
        exported_segments: host.syncStatus.unsent_events > 0 ? 1 : 0,
        exported_events: host.syncStatus.unsent_events,
        changed_cases: [],
        team_changed: false,
        quarantined: host.syncStatus.quarantined.length,
        waiting: host.syncStatus.waiting.length,
      };
      const mine = host.nextSync.mine;
      host.syncStatus = { ...host.syncStatus, unsent_events: 0 };
      host.nextSync = { imported: 0, mine: [] };
      return ok({ report, mine, overview: overview(host) });
    },
  } satisfies Handlers;
}
