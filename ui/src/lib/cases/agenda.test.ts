import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { agenda, type RecordedScene } from '../ipc/fixtures';
import { MockBackend } from '../ipc/mock';

// The core's answers for five cases at 2026-11-24 09:00 UTC: their list pages in every
// view and sort, and their deadline boards (fixtures/agenda.json, written by export-fixtures).
function morning(scene?: RecordedScene) {
  return new MockBackend({ unlocked: true, now: agenda.now, recorded: agenda.snapshot, lists: agenda.searches, scene });
}

const titles = () => screen.getAllByTestId('case-row').map((row) => row.querySelector('.title')?.textContent);

describe('the agenda', () => {
  it('opens on the open cases, most urgent first, grouped, with what each row needs', async () => {
    render(App, { props: { backend: morning() } });
    await screen.findAllByTestId('case-row');
    // Overdue longest first: the triaging case's detailed response, then the old report's acknowledgment.
    expect(titles().slice(0, 2)).toEqual(['Heap overflow', 'Old report']);
    expect(titles()).not.toContain('Duplicate of the traversal');
    const heads = [...document.querySelectorAll('.group-head')].map((h) => h.textContent);
    expect(heads[0]).toBe('Overdue');
    expect(heads).toContain('Due today');
    const heap = screen.getAllByTestId('case-row').find((r) => r.textContent?.includes('Heap overflow'))!;
    expect(heap).toHaveTextContent('9.8 critical');
    expect(heap).toHaveTextContent('Unassigned');
    expect(heap).toHaveTextContent('from Mei Lin');
    const old = screen.getAllByTestId('case-row').find((r) => r.textContent?.includes('Old report'))!;
    expect(old).toHaveTextContent('received 2 d ago');
    expect(old).toHaveTextContent('Ana Ruiz');
    expect(screen.getByRole('radio', { name: 'Open' })).toHaveAttribute('aria-checked', 'true');
  });

  it('switches views with the digit keys and the arrow keys, and sorts', async () => {
    const user = userEvent.setup();
    const mock = morning();
    render(App, { props: { backend: mock } });
    await screen.findAllByTestId('case-row');
    await user.keyboard('4');
    await waitFor(() => expect(titles()).toEqual(['Old report']));
    expect(screen.getByRole('radio', { name: 'Mine' })).toHaveAttribute('aria-checked', 'true');
    screen.getByRole('radio', { name: 'Mine' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Unassigned' })).toHaveFocus();
    await waitFor(() => expect(titles()).not.toContain('Old report'));
    expect(titles()).not.toContain('Due tonight');
    await user.keyboard('7');
    await waitFor(() => expect(titles()).toEqual(['Duplicate of the traversal']));
    await user.keyboard('1');
    await user.selectOptions(screen.getByLabelText('Sort cases'), 'severity');
    await waitFor(() => expect(titles()[0]).toBe('Heap overflow'));
    expect(mock.callsTo('listCases').at(-1)?.[0]).toMatchObject({ view: 'open', sort: 'severity' });
  });

  it('looks through every case while searching', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: morning() } });
    await screen.findAllByTestId('case-row');
    await user.type(screen.getByRole('searchbox'), 'duplicate');
    await waitFor(() => expect(titles()).toEqual(['Duplicate of the traversal']));
    expect(screen.getByRole('radiogroup', { name: 'Saved views' })).toHaveTextContent('Searching every case');
  });
});

describe('safe moves', () => {
  async function openCase(title: string) {
    const user = userEvent.setup();
    const mock = morning();
    render(App, { props: { backend: mock } });
    const row = (await screen.findAllByTestId('case-row')).find((r) => r.textContent?.includes(title))!;
    await user.click(row);
    await screen.findByRole('heading', { name: title });
    return { user, mock };
  }

  it('asks before ending a case, says what will happen, and Cancel or Esc moves nothing', async () => {
    const { user, mock } = await openCase('Heap overflow');
    const moves = screen.getByRole('group', { name: 'Move to' });
    expect(within(moves).getByRole('button', { name: 'Move to Confirmed' })).toHaveClass('primary');
    await user.click(within(moves).getByRole('button', { name: 'Duplicate' }));
    const ask = screen.getByRole('alertdialog', { name: 'End as “Duplicate”?' });
    expect(ask).toHaveTextContent('already reported in another case');
    expect(ask).toHaveTextContent('leaves the agenda and its deadlines stop');
    await waitFor(() => expect(within(ask).getByRole('button', { name: 'End as Duplicate' })).toHaveFocus());
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await user.click(within(moves).getByRole('button', { name: 'Not a vulnerability' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Heap overflow' })).toBeInTheDocument();
    expect(mock.callsTo('moveCase')).toEqual([]);
  });

  it('ends a case once confirmed, and an ended case reopens', async () => {
    const { user, mock } = await openCase('Heap overflow');
    await user.click(screen.getByRole('button', { name: 'Third party' }));
    await user.click(screen.getByRole('button', { name: 'End as Third party' }));
    await waitFor(() => expect(screen.getByTestId('case-status')).toHaveTextContent('Third party'));
    await waitFor(() => expect(titles()).not.toContain('Heap overflow'));
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(screen.getByTestId('case-status')).toHaveTextContent('Triaging'));
    expect(mock.callsTo('moveCase')).toEqual([['EMB-2026-0002', 'third-party']]);
    expect(mock.callsTo('reopenCase')).toEqual([['EMB-2026-0002']]);
    await waitFor(() => expect(titles()).toContain('Heap overflow'));
  });

  it('moves between the case tabs with the arrow keys', async () => {
    const { user } = await openCase('Old report');
    screen.getByRole('tab', { name: 'Overview' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: /Drafts/ })).toHaveFocus();
    expect(screen.getByRole('tab', { name: /Drafts/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: /Timeline/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveFocus();
  });
});

describe('one-step replies', () => {
  it('drafts the acknowledgment from the board and marks it sent and acknowledged in one click', async () => {
    const user = userEvent.setup();
    const mock = morning(agenda.reply_from_board);
    render(App, { props: { backend: mock } });
    // 1: open the case from the agenda.
    await user.click((await screen.findAllByTestId('case-row')).find((r) => r.textContent?.includes('Old report'))!);
    const board = await screen.findByTestId('deadline-board');
    // 2: the overdue acknowledgment offers its reply.
    await user.click(await within(board).findByTestId('draft-reply-ack'));
    await screen.findByTestId('draft-editor');
    expect(screen.getByRole('tab', { name: /Drafts/ })).toHaveAttribute('aria-selected', 'true');
    // 3: sent, and the move the policy implies.
    await user.click(screen.getByRole('button', { name: 'Mark sent & move to Acknowledged' }));
    await waitFor(() => expect(screen.getByTestId('case-status')).toHaveTextContent('Acknowledged'));
    expect(mock.callsTo('newDraft')).toEqual([['EMB-2026-0001', 'acknowledgment']]);
    expect(mock.callsTo('moveCase')).toEqual([['EMB-2026-0001', 'acknowledged']]);
    expect(await screen.findByTestId('draft-sent')).toHaveTextContent('read-only');
    expect(screen.getByTestId('preview-sent-on')).toHaveTextContent(/^Sent on /);
  });
});

describe('opening another case', () => {
  it('shows its overview, not the tab the previous case was left on', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: morning() } });
    const row = async (title: string) =>
      (await screen.findAllByTestId('case-row')).find((r) => r.textContent?.includes(title))!;
    await user.click(await row('Old report'));
    await user.click(await screen.findByRole('tab', { name: /Timeline/ }));
    await user.click(await row('Fresh report'));
    await screen.findByRole('heading', { name: 'Fresh report' });
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true'));
    expect(screen.getByTestId('deadline-board')).toBeInTheDocument();
  });
});
