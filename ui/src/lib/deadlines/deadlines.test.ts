import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { deadlines } from '../ipc/fixtures';
import { MockBackend } from '../ipc/mock';
import DeadlineBadge from './DeadlineBadge.svelte';
import { badgeText, timeSpan } from './format';

const NOW = '2026-11-20T21:00:00Z';

// The core's answers for a case received at 09:00 and a closed one, recorded at 21:00
// and at 06:00 the next day (fixtures/deadlines.json, written by export-fixtures).
function backend(now = NOW) {
  return new MockBackend({ unlocked: true, now, recorded: deadlines.clocks[now] });
}

describe('deadline badge', () => {
  it('words time left and time overdue as the notifications do, rounded down', () => {
    expect(timeSpan(59 * 60_000)).toBe('59 min');
    expect(timeSpan(3 * 3_600_000 + 59 * 60_000)).toBe('3 h');
    expect(timeSpan(50 * 3_600_000)).toBe('2 d');
    const ack = { rule: 'ack', label: 'Acknowledgment', state: 'due_soon' as const, due_at: '2026-11-21T09:00:00Z' };
    expect(badgeText(ack, '2026-11-21T06:00:00Z')).toBe('Acknowledgment due in 3 h');
    expect(badgeText({ ...ack, state: 'overdue' }, '2026-11-21T11:30:00Z')).toBe('Acknowledgment overdue by 2 h');
    expect(badgeText({ ...ack, state: 'paused' }, '2026-11-21T11:30:00Z')).toBe('Acknowledgment paused');
  });

  it('is styled by state and labelled for screen readers', () => {
    render(DeadlineBadge, {
      props: {
        deadline: { rule: 'response', label: 'Detailed response', state: 'overdue', due_at: '2026-11-22T09:00:00Z' },
        now: '2026-11-22T11:00:00Z',
      },
    });
    const badge = screen.getByTestId('deadline-badge');
    expect(badge).toHaveTextContent('Detailed response overdue by 2 h');
    expect(badge).toHaveAttribute('data-state', 'overdue');
    expect(badge).toHaveAccessibleName('Deadline: Detailed response overdue by 2 h (overdue)');
  });

  it('shows nothing when no deadline is open', () => {
    const { container } = render(DeadlineBadge, { props: { deadline: null, now: NOW } });
    expect(container.querySelector('[data-testid="deadline-badge"]')).toBeNull();
  });

  it('each row shows its most urgent deadline from the list payload, in one call', async () => {
    const mock = backend('2026-11-21T06:00:00Z');
    render(App, { props: { backend: mock } });
    const rows = await screen.findAllByTestId('case-row');
    expect(rows).toHaveLength(1);
    expect(within(rows[0]).getByTestId('deadline-badge')).toHaveTextContent('Acknowledgment due in 3 h');
    expect(within(rows[0]).getByTestId('deadline-badge')).toHaveAttribute('data-state', 'due_soon');
    expect(rows[0]).toHaveAttribute('data-group', 'due-today');
    expect(mock.callsTo('deadlineBoard')).toHaveLength(0);

    // The closed case waits behind its view, without a badge.
    await userEvent.setup().click(screen.getByRole('radio', { name: 'Closed & ended' }));
    await waitFor(() => expect(screen.getByTestId('case-row')).toHaveTextContent('Closed long ago'));
    const closed = screen.getByTestId('case-row');
    expect(within(closed).queryByTestId('deadline-badge')).toBeNull();
  });
});

describe('deadline board', () => {
  async function openFirstCase(mock: MockBackend) {
    const user = userEvent.setup();
    render(App, { props: { backend: mock } });
    const rows = await screen.findAllByTestId('case-row');
    await user.click(rows[0]);
    const board = await screen.findByTestId('deadline-board');
    await waitFor(() => expect(within(board).getAllByTestId('board-rule')).toHaveLength(6));
    return { user, board };
  }

  function rule(board: HTMLElement, id: string): HTMLElement {
    const row = within(board)
      .getAllByTestId('board-rule')
      .find((r) => r.dataset.rule === id);
    if (!row) throw new Error(`no board row for ${id}`);
    return row;
  }

  it('lists every rule with its due instant, zone and time left', async () => {
    const { board } = await openFirstCase(backend());
    const ack = rule(board, 'ack');
    expect(ack).toHaveTextContent('Acknowledgment');
    expect(ack).toHaveTextContent('24 h after the report arrives');
    expect(ack).toHaveAttribute('data-state', 'upcoming');
    expect(ack).toHaveTextContent('due in 12 h');
    expect(within(ack).getByRole('time')).toHaveAttribute('datetime', '2026-11-21T09:00:00Z');
    expect(within(ack).getByRole('time').textContent).toMatch(/UTC|GMT/);
    expect(rule(board, 'embargo')).toHaveTextContent('not applicable');
  });

  it('logs a step as met, says by what, and refreshes the case and the list', async () => {
    const mock = backend();
    mock.replay(deadlines.chains['log-response']);
    const { user, board } = await openFirstCase(mock);
    await user.click(within(rule(board, 'response')).getByRole('button', { name: 'Log Detailed response as done' }));
    await waitFor(() => expect(rule(board, 'ack')).toHaveTextContent('logged as Detailed response'));
    expect(rule(board, 'response')).toHaveTextContent('met');
    expect(mock.callsTo('logMet')).toEqual([['EMB-2026-0001', 'response']]);
    // The update clock restarted at the reply: the list badge follows.
    await waitFor(async () => {
      const rows = await screen.findAllByTestId('case-row');
      expect(within(rows[0]).getByTestId('deadline-badge')).toHaveTextContent('Reporter update due in 5 d');
    });
  });

  it('pauses while waiting on the reporter and resumes when the info arrives', async () => {
    const mock = backend();
    mock.replay(deadlines.chains['waiting-then-info']);
    const { user, board } = await openFirstCase(mock);
    await user.click(within(board).getByRole('button', { name: 'Waiting on reporter' }));
    await waitFor(() => expect(rule(board, 'response')).toHaveTextContent('paused while waiting on the reporter'));
    expect(rule(board, 'ack')).toHaveTextContent('due in 12 h');
    await user.click(within(board).getByRole('button', { name: 'Info received' }));
    await waitFor(() => expect(rule(board, 'response')).toHaveTextContent('due in 36 h'));
  });

  it('snoozes a reminder and shows until when', async () => {
    const mock = backend();
    mock.replay(deadlines.chains.snooze);
    const { user, board } = await openFirstCase(mock);
    await user.click(within(rule(board, 'ack')).getByRole('button', { name: 'Snooze Acknowledgment reminders for 1 hour' }));
    await waitFor(() => expect(rule(board, 'ack')).toHaveTextContent('reminders snoozed until'));
    expect(mock.callsTo('snoozeDeadline')).toEqual([['EMB-2026-0001', 'ack', 1]]);
  });

  it("says why when the core refuses an action", async () => {
    const mock = backend();
    mock.replay(deadlines.chains['waiting-twice']);
    const { user, board } = await openFirstCase(mock);
    await mock.commands.setWaiting('EMB-2026-0001', true); // changed elsewhere (another device)
    await user.click(within(board).getByRole('button', { name: 'Waiting on reporter' }));
    expect(await within(board).findByRole('alert')).toHaveTextContent('already waits on the reporter');
  });

  it("opens the case a notification's Open asked for", async () => {
    const mock = backend();
    render(App, { props: { backend: mock } });
    await screen.findAllByTestId('case-row');
    mock.fireOpenCase('EMB-2026-0001');
    expect(await screen.findByRole('heading', { name: 'Path traversal in static files' })).toBeInTheDocument();
    expect(mock.pendingOpen).toBeNull();
  });
});
