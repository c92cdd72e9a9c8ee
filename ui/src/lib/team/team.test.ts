import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { caseView, memberBundleFor, MockBackend } from '../ipc/mock';

async function openTeam(backend: MockBackend) {
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await user.click(await screen.findByRole('button', { name: 'Team' }));
  await screen.findByRole('heading', { name: 'Team' });
  return user;
}

async function createTeam(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Folder'), '/srv/team');
  await user.type(screen.getByLabelText('Team name'), 'PSIRT');
  await user.click(screen.getByRole('button', { name: 'Create team' }));
  return screen.findByRole('list', { name: 'Members' });
}

describe('the team screen', () => {
  it('shows my fingerprint and bundle, and creates a team in a folder', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    expect(screen.getByTestId('my-fingerprint')).toHaveTextContent('ANA1-2345-6789-ABCD-EF01');
    expect(screen.getByLabelText(/Your bundle/)).toHaveValue(memberBundleFor('Ana Ruiz', 'ana@security.example.org'));
    const create = screen.getByRole('button', { name: 'Create team' });
    expect(create).toBeDisabled();
    await user.type(screen.getByLabelText('Folder'), '/home/ana/Sync/psirt');
    await user.type(screen.getByLabelText('Team name'), 'PSIRT');
    await user.click(create);
    expect(await screen.findByRole('status')).toHaveTextContent('Team created');
    expect(backend.callsTo('createTeam')).toEqual([['/home/ana/Sync/psirt', 'PSIRT']]);
    expect(screen.getByRole('list', { name: 'Members' })).toHaveTextContent('Ana Ruiz');
    expect(screen.getByTestId('unsent')).toHaveTextContent('Everything made here is in the folder.');
  });

  it('chooses the shared folder with the native picker; a cancelled picker changes nothing', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(screen.getByLabelText('Folder')).toHaveValue('');
    backend.pickedFolder = '/home/ana/Sync/psirt';
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(screen.getByLabelText('Folder')).toHaveValue('/home/ana/Sync/psirt');
    expect(backend.folderDialogs).toEqual(['Choose the shared team folder', 'Choose the shared team folder']);
  });

  it('refuses a join whose roster does not chain to the fingerprint, and says why', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await user.type(screen.getByLabelText('Folder'), '/mnt/share');
    await user.type(screen.getByLabelText(/admin's fingerprint/), 'EVIL-0000');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('does not chain back to the admin fingerprint EVIL-0000');
    expect(backend.team).toBeNull();
  });

  it('lets an admin add a member by bundle and remove them; a bad bundle is refused', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await user.type(screen.getByLabelText('Folder'), '/srv/team');
    await user.type(screen.getByLabelText('Team name'), 'PSIRT');
    await user.click(screen.getByRole('button', { name: 'Create team' }));

    const bundle = await screen.findByLabelText(/Their bundle/);
    await user.type(bundle, 'hello');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not a member bundle');

    await user.clear(bundle);
    await user.type(bundle, memberBundleFor('Bob Stone', 'bob@security.example.org'));
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const members = screen.getByRole('list', { name: 'Members' });
    await waitFor(() => expect(members).toHaveTextContent('Bob Stone'));
    await user.click(within(members).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(members).not.toHaveTextContent('Bob Stone'));
    expect(backend.callsTo('removeMember')).toEqual([['FP-Bob Stone']]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Bob Stone removed. A new team key starts now: they will read nothing written from now on',
    );
  });

  it('gives a new member the whole history unless the admin chooses “from now on”', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await createTeam(user);
    expect(screen.getByTestId('team-format')).toHaveTextContent('format 2');
    const whole = screen.getByRole('radio', { name: /Whole team history/ });
    const fromNow = screen.getByRole('radio', { name: /Only from now on/ });
    expect(whole).toBeChecked();

    await user.type(screen.getByLabelText(/Their bundle/), memberBundleFor('Bob Stone', 'bob@security.example.org'));
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Members' })).toHaveTextContent('Bob Stone'));

    await user.type(screen.getByLabelText(/Their bundle/), memberBundleFor('Eve Late', 'eve@security.example.org'));
    await user.click(fromNow);
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('status')).toHaveTextContent('access from now on: a new team key started');
    expect(backend.callsTo('addMember')).toEqual([
      [memberBundleFor('Bob Stone', 'bob@security.example.org'), false, 'Full'],
      [memberBundleFor('Eve Late', 'eve@security.example.org'), false, 'FromNow'],
    ]);
    expect(screen.getByRole('radio', { name: /Whole team history/ })).toBeChecked();
  });

  it('offers an admin the upgrade of a version-1 folder, after saying what it takes', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await createTeam(user);
    backend.team = { ...backend.team!, format: 1 };
    backend.syncStatus = { ...backend.syncStatus!, format: 1, generation_in_force: null, generations_held: [] };
    backend.fireTeamSynced({ importedEvents: 0, changedCases: [], error: 'refresh' });
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

  it('shows a member who is no admin the format, and no upgrade', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await user.type(screen.getByLabelText('Folder'), '/mnt/share');
    await user.type(screen.getByLabelText(/admin's fingerprint/), 'BOB1-2345-6789-ABCD-EF01');
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    await screen.findByRole('list', { name: 'Members' });
    backend.team = { ...backend.team!, format: 1 };
    backend.fireTeamSynced({ importedEvents: 0, changedCases: [], error: 'refresh' });
    await waitFor(() => expect(screen.getByTestId('team-format')).toHaveTextContent('format 1'));
    expect(screen.queryByRole('group', { name: 'Upgrade team folder' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add member' })).toBeNull();
  });

  it('says whether this device holds the team key in force, and which attachments are still coming', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await createTeam(user);
    expect(screen.getByTestId('key-generation')).toHaveTextContent('Team key generation 1: this device holds it.');
    expect(screen.queryByTestId('attachments-not-arrived')).toBeNull();

    backend.syncStatus = {
      ...backend.syncStatus!,
      generation_in_force: 3,
      generations_held: [1, 2],
      attachments_not_arrived: 2,
    };
    backend.fireTeamSynced({ importedEvents: 1, changedCases: [], error: null });
    await waitFor(() =>
      expect(screen.getByTestId('key-generation')).toHaveTextContent(
        'Team key generation 3: waiting for your key from an admin',
      ),
    );
    expect(screen.getByTestId('attachments-not-arrived')).toHaveTextContent('2 attachments not arrived yet');
  });

  it('syncs on request and says which of my cases teammates changed', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await user.type(screen.getByLabelText('Folder'), '/srv/team');
    await user.type(screen.getByLabelText('Team name'), 'PSIRT');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    backend.nextSync = { imported: 12, mine: ['EMB-2026-0007'] };
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Merged 12 events, wrote 0. Teammates changed cases you handle: EMB-2026-0007.',
    );
  });

  it('shows a missing folder, waiting changes and set-aside files with their reasons', async () => {
    const backend = new MockBackend({ unlocked: true });
    const user = await openTeam(backend);
    await user.type(screen.getByLabelText('Folder'), '/srv/team');
    await user.type(screen.getByLabelText('Team name'), 'PSIRT');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    await screen.findByRole('list', { name: 'Members' });

    backend.syncStatus = {
      ...backend.syncStatus!,
      folder_available: false,
      unsent_events: 3,
      quarantined: [{ file: 'devices/x/000002-ab.seg', reason: 'signer is not a member of the team' }],
    };
    backend.fireTeamSynced({ importedEvents: 0, changedCases: [], error: 'the team folder is not there' });
    expect(await screen.findByText(/The team folder is not there/)).toBeInTheDocument();
    expect(screen.getByTestId('unsent')).toHaveTextContent('3 changes made here not in the folder yet.');
    expect(screen.getByRole('list', { name: 'Set aside (not merged)' })).toHaveTextContent(
      'devices/x/000002-ab.seg: signer is not a member of the team',
    );
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
