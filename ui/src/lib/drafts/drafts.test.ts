import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { DraftPreview, DraftView, IpcError, Result } from '../ipc/bindings';
import { dataOf, drafts, recordedAnswer } from '../ipc/fixtures';
import { MockBackend } from '../ipc/mock';

// Each test plays the core's answers recorded for it (fixtures/drafts.json): a case
// imported from Mei's report, a draft made from a template, previews as typed.
type SceneName = keyof typeof drafts;

function backend(scene: SceneName) {
  return new MockBackend({ unlocked: true, scene: drafts[scene] });
}

/** What the core answered to a call of `scene`. */
function answered<T>(scene: SceneName, command: string, args: unknown[]): Result<T, IpcError> {
  return recordedAnswer(drafts[scene].calls, command, args) as Result<T, IpcError>;
}

/** The draft the core made in `scene`. */
function drafted(scene: SceneName): DraftView {
  const call = drafts[scene].calls.find((c) => c.command === 'newDraft');
  return dataOf(call?.answer as Result<DraftView, IpcError>);
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
    render(App, { props: { backend: backend('picker') } });
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
    const mock = backend('picker');
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    // The core refuses it: the case has no embargo date.
    await createDraft(user, 'fix-date');
    const alert = await screen.findByRole('alert');
    const refused = answered('picker', 'newDraft', [mock.cases[0].id, 'fix-date']);
    expect(refused.status === 'error' && refused.error.code).toBe('not-ready');
    expect(alert).toHaveTextContent(refused.status === 'error' ? refused.error.message : '');
    expect(alert).not.toHaveTextContent('embargo case set');
    expect(screen.queryByTestId('draft-editor')).toBeNull();
  });
});

describe('draft editor', () => {
  it('creates a draft from a template and previews what will be sent as it is typed', async () => {
    const user = userEvent.setup();
    const mock = backend('acknowledgment-edited');
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'acknowledgment');
    const draft = drafted('acknowledgment-edited');
    const shown = dataOf(answered<DraftPreview>('acknowledgment-edited', 'previewDraft', [draft.id, draft.subject, draft.body]));
    const editor = await screen.findByTestId('draft-editor');
    expect(within(editor).getByRole('heading', { name: draft.id })).toBeInTheDocument();
    expect(await screen.findByTestId('preview-to')).toHaveTextContent(shown.to ?? 'no recipient recorded');
    expect(screen.getByTestId('preview-subject')).toHaveTextContent(shown.subject);
    expect(screen.getByTestId('preview-in-reply-to')).toHaveTextContent(shown.in_reply_to ?? 'no reply-to recorded');

    const body = screen.getByLabelText('Body');
    await user.clear(body);
    await user.type(body, 'Hello Mei,{Enter}we have your report.');
    await waitFor(() => expect(screen.getByTestId('preview-body')).toHaveTextContent('we have your report.'));
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    // A preview saves nothing.
    expect(mock.callsTo('editDraft')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(mock.callsTo('editDraft')).toEqual([[draft.id, draft.subject, 'Hello Mei,\nwe have your report.']]));
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
  });

  it('keeps the typed text and says why when saving is refused', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: backend('request-info-refused') } });
    await openDrafts(user);
    await createDraft(user, 'request-info');
    const draft = drafted('request-info-refused');
    const subject = await screen.findByLabelText('Subject');
    await user.clear(subject);
    await user.type(screen.getByLabelText('Body'), ' And one more line.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const refused = answered('request-info-refused', 'editDraft', [draft.id, '', `${draft.body} And one more line.`]);
    expect(refused.status === 'error' && refused.error.input).toBe('subject');
    expect(await screen.findByRole('alert')).toHaveTextContent(refused.status === 'error' ? refused.error.message : '');
    expect(screen.getByLabelText('Body')).toHaveValue(`${draft.body} And one more line.`);
  });

  it('copies the body or subject and body, saving the typed text first', async () => {
    const user = userEvent.setup();
    const mock = backend('update-copied');
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'update');
    const draft = drafted('update-copied');
    const body = await screen.findByLabelText('Body');
    await user.clear(body);
    await user.type(body, 'Fix is ready.');
    await user.click(screen.getByText('More'));
    await user.click(screen.getByRole('button', { name: 'Copy body' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Copied the body.');
    await user.click(screen.getByRole('button', { name: 'Copy subject + body' }));
    await waitFor(() =>
      expect(mock.copied).toEqual(['Fix is ready.', `Subject: ${draft.subject}\n\nFix is ready.`]),
    );
    // The typed text was saved before the copy.
    expect(mock.callsTo('editDraft')).toEqual([[draft.id, draft.subject, 'Fix is ready.']]);
  });

  it('exports the .eml through the save dialog or a typed path that never overwrites', async () => {
    const user = userEvent.setup();
    const mock = backend('acknowledgment-sent');
    mock.saveLocation = '/home/ana/ack.eml';
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    await createDraft(user, 'acknowledgment');
    await user.click(await screen.findByText('More'));
    await user.click(await screen.findByRole('button', { name: 'Export .eml…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Exported to /home/ana/ack.eml.');
    expect(mock.saveDialogs).toEqual([{ suggestedName: 'EMB-2026-0001-D1.eml', title: 'Export the draft as .eml' }]);
    expect(mock.callsTo('saveDraftEml')).toEqual([['EMB-2026-0001/D1', '/home/ana/ack.eml', true]]);
    // The message the core made of the draft is what was written.
    expect(mock.written.get('/home/ana/ack.eml')).toBe(drafts['acknowledgment-sent'].files['EMB-2026-0001/D1']);

    await user.type(screen.getByLabelText('Path to save the .eml to'), '/home/ana/ack.eml');
    await user.click(screen.getByRole('button', { name: 'Save .eml' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already exists; choose another name');
  });

  it('marks the draft sent: outgoing mail, the acknowledgment met, the editor closed', async () => {
    const user = userEvent.setup();
    const mock = backend('acknowledgment-sent');
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

    await user.click(screen.getByRole('tab', { name: /Correspondence/ }));
    const outgoing = document.querySelector('[data-direction="outgoing"]');
    // The outgoing mail as the core recorded it (the mock had said "Mei Lin <…>"; the core keeps the address).
    const sent = drafts['acknowledgment-sent'].calls.find((c) => c.command === 'markDraftSent')?.after?.cases[0];
    const mail = sent?.messages.find((m) => m.direction === 'outgoing');
    expect(outgoing).toHaveTextContent(`to ${mail?.to.join(', ')}`);
  });

  it('shows both versions of a draft edited on two devices and keeps the one picked', async () => {
    const user = userEvent.setup();
    // Ana and Bo edited the update between syncs (recorded through a real team folder).
    const mock = backend('conflict');
    const [shown] = drafts.conflict.cases[0].drafts;
    const mine = (shown.conflict ?? []).findIndex((version) => version.body === 'Mine.\n');
    expect(shown.conflict).toHaveLength(2);
    render(App, { props: { backend: mock } });
    await openDrafts(user);
    expect(await screen.findByRole('heading', { name: 'Edited on two devices' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Keep version ${mine + 1}` }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Edited on two devices' })).not.toBeInTheDocument());
    expect(mock.callsTo('editDraft')).toEqual([[shown.id, shown.subject, 'Mine.\n']]);
    expect(screen.getByLabelText('Body')).toHaveValue('Mine.\n');
  });
});
