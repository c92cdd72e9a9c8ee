import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend, caseView } from '../ipc/mock';

const REPORT = {
  direction: 'incoming' as const,
  from: 'Mei Lin <mei@example.net>',
  to: ['security@example.org'],
  subject: 'Open redirect in login',
  date: '2026-11-20T09:00:00Z',
  body: 'return_to=//evil.example',
  attachments: [],
};

function backend(overrides = {}) {
  return new MockBackend({
    unlocked: true,
    cases: [caseView('EMB-2026-0001', 'Open redirect in login', { messages: [REPORT], ...overrides })],
  });
}

async function openDrafts(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByTestId('case-row'));
  await user.click(await screen.findByRole('tab', { name: /Drafts/ }));
}

async function createDraft(user: ReturnType<typeof userEvent.setup>, template: string) {
  await user.click(screen.getByRole('button', { name: 'New draft…' }));
  const picker = await screen.findByLabelText('Template');
  await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(0));
  await user.selectOptions(picker, template);
  await user.click(screen.getByRole('button', { name: 'Create draft' }));
}

describe('template picker', () => {
  it('groups the templates by audience and says which deadline each meets', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: backend() } });
    await openDrafts(user);
    await user.click(screen.getByRole('button', { name: 'New draft…' }));
    const picker = await screen.findByLabelText('Template');
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(12));
    const groups = within(picker).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('label'))).toEqual([
      'To the reporter',
      'Security mailing list (vendors, distros, public)',
      'CVE request (CNA)',
    ]);
    expect(within(groups[1]).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual([
      'pre-release-notice',
      'announcement',
    ]);
    expect(screen.getByTestId('template-meets')).toHaveTextContent('meets the acknowledgment deadline');
    await user.selectOptions(picker, 'request-info');
    expect(screen.getByTestId('template-meets')).toHaveTextContent('meets no deadline');
  });

  it('says which field a template needs when the case lacks it, and creates nothing', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    // The core's refusal, recorded for a case without an embargo date (fixtures/exports.json).
    await createDraft(user, 'fix-date');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('template fix-date (body, line 6) uses case.embargo');
    expect(alert).not.toHaveTextContent('embargo case set');
    expect(mock.cases[0].drafts).toHaveLength(0);
  });
});

describe('draft editor', () => {
  it('creates a draft from a template and previews what will be sent as it is typed', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'acknowledgment');
    const editor = await screen.findByTestId('draft-editor');
    expect(within(editor).getByRole('heading', { name: 'EMB-2026-0001/D1' })).toBeInTheDocument();
    expect(await screen.findByTestId('preview-to')).toHaveTextContent('Mei Lin <mei@example.net>');
    expect(screen.getByTestId('preview-subject')).toHaveTextContent('Re: Open redirect in login');
    expect(screen.getByTestId('preview-in-reply-to')).toHaveTextContent('<report-EMB-2026-0001@example.net>');

    const body = screen.getByLabelText('Body');
    await user.clear(body);
    await user.type(body, 'Hello Mei,{Enter}we have your report.');
    await waitFor(() => expect(screen.getByTestId('preview-body')).toHaveTextContent('we have your report.'));
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    // A preview saves nothing.
    expect(mock.cases[0].drafts[0].body).not.toContain('we have your report');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mock.cases[0].drafts[0].body).toBe('Hello Mei,\nwe have your report.'));
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
  });

  it('keeps the typed text and says why when saving is refused', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'request-info');
    const subject = await screen.findByLabelText('Subject');
    await user.clear(subject);
    await user.type(screen.getByLabelText('Body'), ' And one more line.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('a draft’s subject must not be empty');
    expect(screen.getByLabelText('Body')).toHaveValue(`${mock.cases[0].drafts[0].body} And one more line.`);
  });

  it('copies the body or subject and body, saving the typed text first', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'update');
    const body = await screen.findByLabelText('Body');
    await user.clear(body);
    await user.type(body, 'Fix is ready.');
    await user.click(screen.getByText('More'));
    await user.click(screen.getByRole('button', { name: 'Copy body' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Copied the body.');
    await user.click(screen.getByRole('button', { name: 'Copy subject + body' }));
    await waitFor(() =>
      expect(mock.copied).toEqual(['Fix is ready.', 'Subject: Re: Open redirect in login\n\nFix is ready.']),
    );
    expect(mock.cases[0].drafts[0].body).toBe('Fix is ready.');
  });

  it('exports the .eml through the save dialog or a typed path that never overwrites', async () => {
    const user = userEvent.setup();
    const mock = backend();
    mock.saveLocation = '/home/ana/ack.eml';
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'acknowledgment');
    await user.click(await screen.findByText('More'));
    await user.click(await screen.findByRole('button', { name: 'Export .eml…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Exported to /home/ana/ack.eml.');
    expect(mock.saveDialogs).toEqual([{ suggestedName: 'EMB-2026-0001-D1.eml', title: 'Export the draft as .eml' }]);
    expect(mock.callsTo('saveDraftEml')).toEqual([['EMB-2026-0001/D1', '/home/ana/ack.eml', true]]);

    await user.type(screen.getByLabelText('Path to save the .eml to'), '/home/ana/ack.eml');
    await user.click(screen.getByRole('button', { name: 'Save .eml' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already exists; choose another name');
  });

  it('marks the draft sent: outgoing mail, the acknowledgment met, the editor closed', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'acknowledgment');
    await screen.findByTestId('draft-editor');
    expect(screen.getByTestId('draft-meets')).toHaveTextContent('Meets the acknowledgment deadline');
    expect(screen.getByTestId('draft-meets')).not.toHaveTextContent('met ');

    // The acknowledgment of a received case offers the move too; "only" records the sending alone.
    expect(screen.getByRole('button', { name: 'Mark sent & move to Acknowledged' })).toHaveClass('primary');
    await user.click(screen.getByText('More'));
    await user.click(screen.getByRole('button', { name: 'Mark sent only' }));
    expect(await screen.findByTestId('draft-sent')).toHaveTextContent('Sent');
    expect(mock.callsTo('moveCase')).toEqual([]);
    await waitFor(() => expect(screen.getByTestId('draft-meets')).toHaveTextContent(/— met /));
    expect(screen.getByLabelText('Body')).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: /^Mark sent/ })).not.toBeInTheDocument();
    expect(mock.cases[0].met).toEqual([{ rule: 'ack', at: mock.now }]);

    await user.click(screen.getByRole('tab', { name: /Correspondence/ }));
    const outgoing = document.querySelector('[data-direction="outgoing"]');
    expect(outgoing).toHaveTextContent('to Mei Lin <mei@example.net>');
  });

  it('shows both versions of a draft edited on two devices and keeps the one picked', async () => {
    const user = userEvent.setup();
    const mock = backend({
      drafts: [
        {
          id: 'EMB-2026-0001/D1',
          uuid: 'uuid-1',
          case: 'EMB-2026-0001',
          template: 'update',
          audience: 'reporter',
          meets: 'update',
          subject: 'Re: Open redirect in login',
          body: 'Theirs.',
          created_at: '2026-11-21T09:00:00Z',
          edited_at: '2026-11-22T09:00:00Z',
          sent_at: null,
          conflict: [
            { event: 'e1', author: 'ana-device-key', subject: 'Re: Open redirect in login', body: 'Mine.' },
            { event: 'e2', author: 'bo-device-key', subject: 'Re: Open redirect in login', body: 'Theirs.' },
          ],
        },
      ],
    });
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    expect(await screen.findByRole('heading', { name: 'Edited on two devices' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep version 1' }));
    await waitFor(() => expect(mock.cases[0].drafts[0].conflict).toBeUndefined());
    expect(mock.cases[0].drafts[0].body).toBe('Mine.');
    expect(screen.queryByRole('heading', { name: 'Edited on two devices' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Body')).toHaveValue('Mine.');
  });
});
