import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend } from '../ipc/mock';

async function openSettings() {
  const user = userEvent.setup();
  const backend = new MockBackend({ unlocked: true });
  render(App, { props: { backend } });
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return { user, backend };
}

describe('settings', () => {
  it('changes the passphrase: the core’s refusals shown, the vault stays unlocked', async () => {
    const { user, backend } = await openSettings();
    const form = await screen.findByRole('form', { name: 'Passphrase' });
    const fill = async (current: string, next: string, repeat: string) => {
      for (const [name, value] of [
        ['Current passphrase', current],
        ['New passphrase', next],
        ['Repeat the new passphrase', repeat],
      ]) {
        const field = within(form).getByLabelText(name);
        await user.clear(field);
        await user.type(field, value);
      }
      await user.click(within(form).getByRole('button', { name: 'Change passphrase' }));
    };
    await fill('not it', 'quartz meadow lantern', 'quartz meadow lantern');
    expect(await within(form).findByRole('alert')).toHaveTextContent('The current passphrase is not right.');
    await fill(backend.passphrase, 'quartz meadow lantern', 'quartz meadow lanterns');
    expect(await within(form).findByRole('alert')).toHaveTextContent('differ; nothing was changed');
    await fill(backend.passphrase, 'quartz meadow lantern', 'quartz meadow lantern');
    expect(await within(form).findByRole('status')).toHaveTextContent('Passphrase changed.');
    expect(backend.passphrase).toBe('quartz meadow lantern');
    expect(within(form).getByLabelText('Current passphrase')).toHaveValue('');
    expect(backend.unlocked).toBe(true);
  });

  it('shows the active policy profile and its rules, read-only', async () => {
    await openSettings();
    const policy = await screen.findByTestId('policy-settings');
    const select = await within(policy).findByRole('combobox', { name: 'Deadlines follow' });
    expect(select).toHaveValue('seed');
    expect(within(policy).getByRole('option', { name: 'Seed policy (built in, read-only)' })).toBeInTheDocument();
    const rules = within(policy).getByRole('table', { name: 'Rules of Seed policy' });
    expect(within(rules).getByRole('rowheader', { name: 'Acknowledgment' })).toBeInTheDocument();
    expect(rules).toHaveTextContent('24 h after the report arrives');
    expect(rules).toHaveTextContent('4 h before');
    expect(within(policy).queryByRole('textbox')).toBeNull();
  });

  it('switches the policy profile', async () => {
    const { user, backend } = await openSettings();
    const policy = await screen.findByTestId('policy-settings');
    await user.selectOptions(await within(policy).findByRole('combobox', { name: 'Deadlines follow' }), 'custom');
    expect(await within(policy).findByRole('status')).toHaveTextContent('Deadlines now follow Team policy');
    expect(backend.callsTo('usePolicy')).toEqual([['custom']]);
    expect(backend.activePolicy).toBe('custom');
  });

  it('edits the team’s copy of the policy in the app, refused values explained by the core', async () => {
    const { user, backend } = await openSettings();
    const policy = await screen.findByTestId('policy-settings');
    expect(policy).not.toHaveTextContent('embargo policy set');
    await user.click(await within(policy).findByRole('button', { name: 'Edit the team’s copy' }));
    const editor = await within(policy).findByRole('form', { name: 'Edit Team policy' });
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Setting' }), 'ack.after');
    const value = within(editor).getByRole('textbox', { name: 'Value' });
    expect(value).toHaveValue('24h');
    await user.clear(value);
    await user.type(value, 'soon');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await within(editor).findByRole('alert')).toHaveTextContent('invalid duration "soon"');
    expect(value).toHaveValue('soon');
    await user.clear(value);
    await user.type(value, '12h');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await within(editor).findByRole('status')).toHaveTextContent('Saved ack.after = 12h for the team.');
    expect(backend.callsTo('editPolicy')).toEqual([
      ['custom', 'ack.after', 'soon'],
      ['custom', 'ack.after', '12h'],
    ]);
  });

  it('chooses discreet notifications or titles', async () => {
    const { user, backend } = await openSettings();
    const discreet = await screen.findByRole('radio', { name: /Discreet/ });
    const titles = screen.getByRole('radio', { name: /With case titles/ });
    expect(discreet).toBeChecked();
    await user.click(titles);
    await waitFor(() => expect(backend.notifyShowTitles).toBe(true));
    expect(titles).toBeChecked();
    await user.click(discreet);
    await waitFor(() => expect(backend.notifyShowTitles).toBe(false));
  });

  it('keeps the idle lock beside them', async () => {
    await openSettings();
    expect(screen.getByRole('spinbutton', { name: /idle minutes/ })).toHaveValue(10);
  });
  it('sets the intake folder, lists the files it could not import and stops watching', async () => {
    const { user, backend } = await openSettings();
    const intake = await screen.findByTestId('intake-settings');
    const field = within(intake).getByLabelText('Folder');
    await user.type(field, 'Mail/security');
    await user.click(within(intake).getByRole('button', { name: 'Watch this folder' }));
    expect(await within(intake).findByRole('alert')).toHaveTextContent('is not a full path');
    expect(backend.intake.folder).toBeNull();

    backend.pickedFolder = '/home/dana/Mail/security/new';
    await user.click(within(intake).getByRole('button', { name: 'Choose…' }));
    await waitFor(() => expect(field).toHaveValue('/home/dana/Mail/security/new'));
    await user.click(within(intake).getByRole('button', { name: 'Watch this folder' }));
    expect(await within(intake).findByRole('status')).toHaveTextContent('Watching the folder');
    expect(backend.intake.folder).toBe('/home/dana/Mail/security/new');

    await user.click(within(intake).getByRole('button', { name: 'Stop watching' }));
    expect(await within(intake).findByRole('status')).toHaveTextContent('No folder is watched now.');
    expect(backend.intake.folder).toBeNull();
  });

  it('shows which intake files were not imported and why, and a folder that cannot be read', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true });
    backend.intake = {
      folder: '/home/dana/Mail/security/new',
      problems: [{ file: '/home/dana/Mail/security/new/1733.M1.host', reason: 'the file is binary, not an e-mail' }],
      failure: '/home/dana/Mail/security/new: No such file or directory (os error 2)',
    };
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const intake = await screen.findByTestId('intake-settings');
    const table = await within(intake).findByRole('table', { name: 'Files not imported' });
    expect(table).toHaveTextContent('1733.M1.host');
    expect(table).toHaveTextContent('the file is binary, not an e-mail');
    expect(within(intake).getByRole('alert')).toHaveTextContent('The folder cannot be read');
  });
});
