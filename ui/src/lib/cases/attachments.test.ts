import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend, caseView } from '../ipc/mock';

// A teammate's attachment is listed once its change has synced; its content comes
// later, in separate files through the team folder.
function backendWithAttachments() {
  const backend = new MockBackend({
    unlocked: true,
    cases: [
      caseView('EMB-2026-0001', 'Heap overflow in the PNG decoder', {
        attachments: [
          { name: 'poc.py', size: 161, media_type: 'text/x-python', available: true },
          { name: 'crash.mp4', size: 209715200, media_type: 'video/mp4', available: false },
        ],
      }),
    ],
  });
  backend.saveLocation = '/home/ana/poc.py';
  return backend;
}

async function attachmentsSection() {
  return screen.findByRole('region', { name: 'Attachments' });
}

describe('attachments', () => {
  it('offers to save what is here and says what has not arrived yet', async () => {
    const user = userEvent.setup();
    const backend = backendWithAttachments();
    render(App, { props: { backend } });
    await user.click((await screen.findAllByTestId('case-row'))[0]);
    const section = await attachmentsSection();
    const [here, pending] = within(section).getAllByRole('listitem');

    expect(here).toHaveTextContent('poc.py');
    expect(within(here).getByRole('button', { name: 'Save poc.py…' })).toBeInTheDocument();

    expect(pending).toHaveTextContent('crash.mp4');
    expect(pending).toHaveTextContent('video/mp4 · 200.0 MB');
    expect(pending).toHaveTextContent('not arrived yet');
    expect(within(pending).queryByRole('button')).toBeNull();

    await user.click(within(here).getByRole('button', { name: 'Save poc.py…' }));
    expect(await within(section).findByRole('status')).toHaveTextContent('Saved poc.py (161 B) to /home/ana/poc.py');
    expect(backend.callsTo('saveAttachment')).toEqual([['EMB-2026-0001', 'poc.py', '/home/ana/poc.py', true]]);
  });
});
