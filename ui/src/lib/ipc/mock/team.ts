// Team and sync in the mock: the core's answers come from the test's recorded
// scene (fixtures/team.json: real vaults sharing a real team folder); a
// background pass of the app's sync loop is the event recorded with the scene.
import type { History, SyncOutcome, TeamOverview, TeamSynced } from '../bindings';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';

/** The scene's next background sync pass: the event the window hears, and the cases after it. */
export function playTeamSynced(host: MockBackend): TeamSynced {
  const played = host.scene.take('event:teamSynced', []);
  if (!played || played.answer.status !== 'ok') {
    throw new Error('the scene recorded no background sync here: record one in Rust (export_fixtures/team.rs)');
  }
  for (const after of played.after?.cases ?? []) host.replace(after);
  return played.answer.data as TeamSynced;
}

/** The team and sync commands of MockBackend. */
export function teamCommands(host: MockBackend) {
  return {
    teamOverview: () => host.recorded<TeamOverview>('teamOverview', []),
    createTeam: (folder: string, name: string) => host.recorded<TeamOverview>('createTeam', [folder, name]),
    joinTeam: (folder: string, fingerprint: string) => host.recorded<TeamOverview>('joinTeam', [folder, fingerprint]),
    addMember: (bundle: string, admin: boolean, history: History) =>
      host.recorded<TeamOverview>('addMember', [bundle, admin, history]),
    removeMember: (who: string) => host.recorded<TeamOverview>('removeMember', [who]),
    upgradeTeam: () => host.recorded<TeamOverview>('upgradeTeam', []),
    syncNow: () => host.recorded<SyncOutcome>('syncNow', []),
  } satisfies Handlers;
}
