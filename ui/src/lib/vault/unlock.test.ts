import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend, caseView } from '../ipc/mock';

const PASSPHRASE = 'correct horse battery staple';

describe('unlock screen', () => {
  it('says clearly when the passphrase is wrong, then unlocks with the right one', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ cases: [caseView('EMB-2026-0001', 'Path traversal')] });
    render(App, { props: { backend } });

    const field = await screen.findByLabelText('Passphrase');
    await user.type(field, 'wrong guess');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('does not unlock this vault');
    expect(field).toHaveValue('');
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.type(field, `${PASSPHRASE}{Enter}`);
    expect(await screen.findByText('Path traversal')).toBeInTheDocument();
    expect(backend.callsTo('unlock')).toEqual([['wrong guess'], [PASSPHRASE]]);
  });

  it('shows the passphrase only for a demo vault', async () => {
    const { unmount } = render(App, { props: { backend: new MockBackend({ demo: true }) } });
    expect(await screen.findByTestId('demo-passphrase')).toHaveTextContent(PASSPHRASE);
    unmount();

    render(App, { props: { backend: new MockBackend({ demo: false }) } });
    await screen.findByLabelText('Passphrase');
    expect(screen.queryByTestId('demo-passphrase')).toBeNull();
    expect(document.body).not.toHaveTextContent(PASSPHRASE);
  });

  it('returns to the unlock screen with a notice when the shell locks on idle', async () => {
    const backend = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'Path traversal')] });
    render(App, { props: { backend } });
    await screen.findByText('Path traversal');

    backend.fireVaultLocked({ reason: 'idle' });
    expect(await screen.findByRole('status')).toHaveTextContent('Locked after 10 idle minutes');
    expect(screen.queryByText('Path traversal')).toBeNull();
    expect(screen.getByLabelText('Passphrase')).toBeInTheDocument();
  });

  it('says why when the screen lock or sleep locked the vault', async () => {
    const backend = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'Path traversal')] });
    render(App, { props: { backend } });
    await screen.findByText('Path traversal');
    backend.fireVaultLocked({ reason: 'screen-locked' });
    expect(await screen.findByRole('status')).toHaveTextContent('the screen was locked');
  });

  it('leaves the cases at once, even while the shell still waits for a sync pass to stop', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'Path traversal')] });
    render(App, { props: { backend } });
    await screen.findByText('Path traversal');
    const never = () => new Promise<never>(() => {});
    backend.commands.lock = never;
    backend.commands.vaultStatus = never;
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByLabelText('Passphrase')).toBeInTheDocument();
    expect(screen.queryByText('Path traversal')).toBeNull();
  });

  it('locks on request and forgets what was shown', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'Path traversal')] });
    render(App, { props: { backend } });
    await screen.findByText('Path traversal');
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByLabelText('Passphrase');
    expect(screen.queryByText('Path traversal')).toBeNull();
    expect(backend.unlocked).toBe(false);
  });
});

describe('creating a vault', () => {
  it('guides the passphrase and creates the vault', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ exists: false });
    render(App, { props: { backend } });

    await user.type(await screen.findByLabelText('Your name'), 'Ana Ruiz');
    await user.type(screen.getByLabelText('Your e-mail'), 'ana@example.org');
    const create = screen.getByRole('button', { name: 'Create my vault' });

    await user.type(screen.getByLabelText('Passphrase'), 'short');
    expect(screen.getByText(/at least 8 characters/)).toBeInTheDocument();
    expect(create).toBeDisabled();

    await user.type(screen.getByLabelText('Passphrase'), ' granite lantern orchard');
    expect(screen.getByText(/Strong/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Repeat the passphrase'), 'short granite');
    expect(screen.getByRole('alert')).toHaveTextContent('differ');
    expect(create).toBeDisabled();

    await user.type(screen.getByLabelText('Repeat the passphrase'), ' lantern orchard');
    await user.click(create);
    await screen.findByText(/No cases yet/);
    expect(backend.callsTo('createVault')).toEqual([['Ana Ruiz', 'ana@example.org', 'short granite lantern orchard']]);
  });

  it('offers the demo vault instead', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ exists: false });
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: /Explore the demo vault/ }));
    await waitFor(() => expect(screen.getByTestId('demo-passphrase')).toBeInTheDocument());
    expect(screen.getByRole('button', { name: /Leave the demo/ })).toBeInTheDocument();
  });

  it('says clearly when the database is older than the vault, and accepts it only when confirmed', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ rolledBack: true, cases: [caseView('EMB-2026-0001', 'Path traversal')] });
    render(App, { props: { backend } });

    await user.type(await screen.findByLabelText('Passphrase'), `${PASSPHRASE}{Enter}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('database is older than its last change');
    expect(screen.getByText(/it holds 3 changes/)).toBeInTheDocument();
    expect(screen.queryByText('Path traversal')).toBeNull();

    // Back leaves it refused; nothing is accepted by the plain unlock.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.type(screen.getByLabelText('Passphrase'), `${PASSPHRASE}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Accept this restored backup…' }));
    expect(screen.getByRole('form', { name: 'Accept the restored backup' })).toHaveTextContent(
      'after the backup was taken is lost',
    );
    expect(backend.callsTo('unlockAcceptingRestored')).toEqual([]);

    const field = screen.getByLabelText('Passphrase, to accept');
    await user.type(field, 'wrong guess{Enter}');
    expect(await screen.findByText(/Nothing was accepted/)).toBeInTheDocument();
    expect(field).toHaveValue('');
    await user.type(field, PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Accept the backup and unlock' }));
    expect(await screen.findByText('Path traversal')).toBeInTheDocument();
    expect(backend.callsTo('unlockAcceptingRestored')).toEqual([['wrong guess'], [PASSPHRASE]]);
    expect(backend.callsTo('unlock')).toEqual([[PASSPHRASE], [PASSPHRASE]]);
  });
});
