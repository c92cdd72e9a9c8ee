import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend } from '../ipc/mock';

describe('import and new case', () => {
  it('imports a typed path and lists the new case', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true });
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    await user.type(screen.getByLabelText('File path to import'), '/tmp/report.eml');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('list', { name: 'Imported' })).toHaveTextContent('New case');
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(1));
  });

  it('says nothing was imported when a file is refused', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true });
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    await user.type(screen.getByLabelText('File path to import'), '/tmp/photo.jpg{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('nothing was imported');
    expect(backend.cases).toHaveLength(0);
  });

  it('imports files picked in the dialog or dropped on the window', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true });
    backend.pickedFiles = ['/tmp/a.eml', '/tmp/b.mbox'];
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(2));

    backend.fireDrop(['/tmp/c.eml']);
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(3));
    expect(backend.callsTo('importFiles')).toEqual([[['/tmp/a.eml', '/tmp/b.mbox']], [['/tmp/c.eml']]]);
  });

  it('opens a case by hand and shows it', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true });
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: 'New case' }));
    await user.type(screen.getByLabelText('Title'), 'Report by phone');
    await user.type(screen.getByLabelText('Reporter’s name'), 'Bo Chen');
    await user.click(screen.getByRole('button', { name: 'Open the case' }));
    expect(await screen.findByRole('heading', { name: 'Report by phone' })).toBeInTheDocument();
    expect(backend.callsTo('newCase')[0]).toEqual([
      { title: 'Report by phone', reporter_name: 'Bo Chen', reporter_email: null, received_at: null, channel: null },
    ]);
  });
});

describe('settings', () => {
  it('changes the idle lock and refuses nonsense', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true });
    render(App, { props: { backend } });
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const minutes = await screen.findByLabelText(/idle minutes/);
    await waitFor(() => expect(minutes).toHaveValue(10));
    await user.clear(minutes);
    await user.type(minutes, '3');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(backend.idleLockMinutes).toBe(3);

    await user.clear(minutes);
    await user.type(minutes, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('between 1 and 480');
    expect(backend.idleLockMinutes).toBe(3);
  });
});
