import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { IpcError, SyncOutcome } from '../ipc/bindings';
import { dataOf, team, type RecordedScene } from '../ipc/fixtures';
import { caseView, MockBackend } from '../ipc/mock';

// Each test plays a scene Rust recorded (fixtures/team.json): real vaults share a
// real team folder, typed here as /srv/team; people's keys are stand-ins.
const { ana, bob, eve } = team.people;

async function openTeam(scene: RecordedScene) {
  const backend = new MockBackend({ unlocked: true, scene });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await user.click(await screen.findByRole('button', { name: 'Team' }));
  await screen.findByRole('heading', { name: 'Team' });
  return { backend, user };
}

async function createTeam(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Folder'), '/srv/team');
  await user.type(screen.getByLabelText('Team name'), 'PSIRT');
  await user.click(screen.getByRole('button', { name: 'Create team' }));
  return screen.findByRole('list', { name: 'Members' });
}

/** The core's refusal recorded in `scene` for `command` with `first` as its first argument. */
function refusal(scene: RecordedScene, command: string, first: unknown): IpcError {
  const call = scene.calls.find((c) => c.command === command && c.args[0] === first);
  if (!call || call.answer.status !== 'error') throw new Error(`no refusal of ${command} recorded`);
  return call.answer.error;
}

describe('the team screen', () => {
  it('shows my fingerprint and bundle, and creates a team in a folder', async () => {
    const { backend, user } = await openTeam(team.scenes.created);
    expect(screen.getByTestId('my-fingerprint')).toHaveTextContent(ana.fingerprint);
    expect(screen.getByLabelText(/Your bundle/)).toHaveValue(ana.bundle);
    const create = screen.getByRole('button', { name: 'Create team' });
    expect(create).toBeDisabled();
    await user.type(screen.getByLabelText('Folder'), '/srv/team');
    await user.type(screen.getByLabelText('Team name'), 'PSIRT');
    await user.click(create);
    expect(await screen.findByRole('status')).toHaveTextContent('Team created');
    expect(backend.callsTo('createTeam')).toEqual([['/srv/team', 'PSIRT']]);
    expect(screen.getByRole('list', { name: 'Members' })).toHaveTextContent('Ana Ruiz');
    expect(screen.getByTestId('unsent')).toHaveTextContent('Everything made here is in the folder.');
    expect(screen.getByTestId('key-generation')).toHaveTextContent('Team key generation 1: this device holds it.');
    expect(screen.queryByTestId('attachments-not-arrived')).toBeNull();
  });

  it('chooses the shared folder with the native picker; a cancelled picker changes nothing', async () => {
    const { backend, user } = await openTeam(team.scenes.created);
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(screen.getByLabelText('Folder')).toHaveValue('');
    backend.pickedFolder = '/home/ana/Sync/psirt';
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(screen.getByLabelText('Folder')).toHaveValue('/home/ana/Sync/psirt');
    expect(backend.folderDialogs).toEqual(['Choose the shared team folder', 'Choose the shared team folder']);
  });

  it('refuses a join pinned to another fingerprint and says why; pinned to the admin, joins as a member without admin tools', async () => {
    const scene = team.scenes.joined;
    const { user } = await openTeam(scene);
    await user.type(screen.getByLabelText('Folder'), '/srv/team');
    const pinned = screen.getByLabelText(/admin's fingerprint/);
    await user.type(pinned, 'EVIL-0000');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(refusal(scene, 'joinTeam', '/srv/team').message);
    expect(screen.queryByRole('list', { name: 'Members' })).toBeNull();

    await user.clear(pinned);
    await user.type(pinned, bob.fingerprint);
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findByRole('list', { name: 'Members' })).toHaveTextContent('Bob Stone');
    expect(screen.getByTestId('team-format')).toHaveTextContent('format 2');
    expect(screen.queryByRole('group', { name: 'Upgrade team folder' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add member' })).toBeNull();
    // Joined, the key in force comes from an admin's next pass.
    expect(screen.getByTestId('key-generation')).toHaveTextContent(
      'Team key generation 1: waiting for your key from an admin',
    );
  });

  it('lets an admin add a member by bundle and remove them; a bad bundle is refused', async () => {
    const scene = team.scenes.created;
    const { backend, user } = await openTeam(scene);
    await createTeam(user);

    const bundle = await screen.findByLabelText(/Their bundle/);
    await user.type(bundle, 'hello');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(refusal(scene, 'addMember', 'hello').message);

    await user.clear(bundle);
    await user.type(bundle, bob.bundle);
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const members = screen.getByRole('list', { name: 'Members' });
    await waitFor(() => expect(members).toHaveTextContent('Bob Stone'));
    await user.click(within(members).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(members).not.toHaveTextContent('Bob Stone'));
    expect(backend.callsTo('removeMember')).toEqual([[bob.fingerprint]]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Bob Stone removed. A new team key starts now: they will read nothing written from now on',
    );
    expect(screen.getByTestId('key-generation')).toHaveTextContent('Team key generation 2: this device holds it.');
  });

  it('gives a new member the whole history unless the admin chooses “from now on”', async () => {
    const { backend, user } = await openTeam(team.scenes['from-now']);
    await createTeam(user);
    expect(screen.getByTestId('team-format')).toHaveTextContent('format 2');
    const whole = screen.getByRole('radio', { name: /Whole team history/ });
    const fromNow = screen.getByRole('radio', { name: /Only from now on/ });
    expect(whole).toBeChecked();

    await user.type(screen.getByLabelText(/Their bundle/), bob.bundle);
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Members' })).toHaveTextContent('Bob Stone'));

    await user.type(screen.getByLabelText(/Their bundle/), eve.bundle);
    await user.click(fromNow);
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('status')).toHaveTextContent('access from now on: a new team key started');
    expect(backend.callsTo('addMember')).toEqual([
      [bob.bundle, false, 'Full'],
      [eve.bundle, false, 'FromNow'],
    ]);
    expect(screen.getByRole('radio', { name: /Whole team history/ })).toBeChecked();
  });

  it('offers an admin the upgrade of a version-1 folder, after saying what it takes', async () => {
    const { backend, user } = await openTeam(team.scenes.upgrade);
    await waitFor(() => expect(screen.getByTestId('team-format')).toHaveTextContent('format 1'));
    expect(screen.queryByRole('radio', { name: /Only from now on/ })).toBeNull();
    expect(screen.queryByTestId('key-generation')).toBeNull();
    const upgrade = screen.getByRole('group', { name: 'Upgrade team folder' });
    expect(upgrade).toHaveTextContent('Every member must update Embargo first');
    expect(upgrade).toHaveTextContent('republishes what its own user wrote');

    await user.click(within(upgrade).getByRole('button', { name: 'Upgrade team folder…' }));
    await user.click(within(upgrade).getByRole('button', { name: 'Not yet' }));
    expect(backend.callsTo('upgradeTeam')).toEqual([]);
    await user.click(within(upgrade).getByRole('button', { name: 'Upgrade team folder…' }));
    await user.click(within(upgrade).getByRole('button', { name: 'Upgrade now' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Team folder upgraded to format 2');
    expect(backend.callsTo('upgradeTeam')).toHaveLength(1);
    expect(screen.getByTestId('team-format')).toHaveTextContent('format 2');
    expect(screen.queryByRole('group', { name: 'Upgrade team folder' })).toBeNull();
    expect(screen.getByRole('radio', { name: /Only from now on/ })).toBeInTheDocument();
  });

  it('syncs on request and says which of my cases teammates changed', async () => {
    const scene = team.scenes['sync-mine'];
    const { user } = await openTeam(scene);
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    const { report, mine } = dataOf(scene.calls.find((c) => c.command === 'syncNow')!.answer as { status: 'ok'; data: SyncOutcome });
    expect(mine).toEqual(['EMB-2026-0001']);
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Merged ${report.imported_events} events, wrote ${report.exported_events}. Teammates changed cases you handle: EMB-2026-0001.`,
    );
  });

  it('shows a missing folder found by a background sync, and the changes waiting for it', async () => {
    const { backend } = await openTeam(team.scenes['folder-gone']);
    await screen.findByRole('list', { name: 'Members' });
    expect(screen.getByTestId('unsent')).toHaveTextContent('Everything made here is in the folder.');

    backend.playTeamSynced();
    expect(await screen.findByText(/The team folder is not there/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('unsent')).toHaveTextContent('3 changes made here not in the folder yet.'));
  });

  it('refreshes the case list when a background sync brought teammates’ work', async () => {
    const backend = new MockBackend({ unlocked: true });
    render(App, { props: { backend } });
    await screen.findByText(/No cases yet/);
    backend.cases = [caseView('EMB-2026-0001', 'Found by Bob')];
    backend.fireTeamSynced({ importedEvents: 5, changedCases: ['uuid-EMB-2026-0001'], error: null });
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(1));
    expect(screen.getByTestId('case-row')).toHaveTextContent('Found by Bob');
  });
});

describe('a case edited on two devices', () => {
  it('says so in its header and leads to the versions in Drafts', async () => {
    const user = userEvent.setup();
    const conflict =
      'EMB-2026-0001/D1: edited on two devices between syncs (2 versions kept); edit it again to resolve';
    const backend = new MockBackend({
      unlocked: true,
      cases: [caseView('EMB-2026-0001', 'Open redirect in login', { conflicts: [conflict] })],
    });
    render(App, { props: { backend } });
    await user.click(await screen.findByTestId('case-row'));
    const banner = await screen.findByRole('status', { name: 'Conflicts to resolve' });
    expect(banner).toHaveTextContent(conflict);
    await user.click(within(banner).getByRole('button', { name: 'Choose a version in Drafts' }));
    expect(screen.getByRole('tab', { name: /Drafts/ })).toHaveAttribute('aria-selected', 'true');
  });
});
