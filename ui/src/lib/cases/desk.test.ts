import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend, caseView } from '../ipc/mock';
import type { CaseFilter, CasePage, CaseRow, IpcError, Result } from '../ipc/bindings';
import { dataOf, desk, recordedAnswer } from '../ipc/fixtures';
import { PAGE } from './caselist.svelte';
import { statusLabel } from './format';

function backendWithCases() {
  return new MockBackend({
    unlocked: true,
    cases: [
      caseView('EMB-2026-0003', 'Timing leak in login', { handler: 'Bo Chen', status: 'triaging' }),
      caseView('EMB-2026-0002', 'XSS in the admin panel', {
        status: 'acknowledged',
        messages: [
          {
            direction: 'incoming',
            from: 'Mallory <m@example.net>',
            to: ['security@example.org'],
            subject: 'XSS',
            date: '2026-11-20T09:00:00Z',
            body: '<img src=x onerror="alert(1)"><script>alert(2)</script>',
            attachments: [],
          },
        ],
      }),
      caseView('EMB-2026-0001', 'Path traversal in static files', { handler: 'Ana Ruiz' }),
    ],
  });
}

/** The core's three cases (fixtures/desk.json): listed, searched, filtered and moved as it answered. */
function recordedDesk() {
  return new MockBackend({ unlocked: true, scene: desk.case_list });
}

/** The rows the core listed for `filter` before any change. */
function listed(filter: Partial<CaseFilter>): CaseRow[] {
  const opening = { status: null, handler: null, words: null, limit: PAGE, view: 'open', sort: null };
  const answer = recordedAnswer(desk.case_list.calls, 'listCases', [{ ...opening, ...filter }]);
  return dataOf(answer as Result<CasePage, IpcError>).rows;
}

async function rows() {
  return screen.findAllByTestId('case-row');
}

/** The listed row of the case whose text includes `text` (the agenda orders by urgency). */
async function rowOf(text: string): Promise<HTMLElement> {
  const row = (await rows()).find((r) => r.textContent?.includes(text));
  if (!row) throw new Error(`no row with ${text}`);
  return row;
}

describe('case list', () => {
  it('lists every case with its status', async () => {
    render(App, { props: { backend: recordedDesk() } });
    const shown = await rows();
    const opening = listed({});
    expect(shown).toHaveLength(opening.length);
    opening.forEach((row, i) => {
      expect(shown[i]).toHaveTextContent(row.id);
      expect(shown[i]).toHaveTextContent(statusLabel(row.status));
    });
  });

  it('searches as you type, once the typing pauses', async () => {
    const user = userEvent.setup();
    const backend = recordedDesk();
    render(App, { props: { backend } });
    await rows();
    await user.type(screen.getByRole('searchbox'), 'trav');
    const found = listed({ words: 'trav', view: 'all' });
    expect(found.map((row) => row.title)).toEqual(['Path traversal in static files']);
    await waitFor(async () => expect(await rows()).toHaveLength(found.length));
    expect((await rows())[0]).toHaveTextContent('Path traversal');
    const searches = backend.callsTo('listCases').filter(([filter]) => (filter as { words: string | null }).words);
    expect(searches).toHaveLength(1);
    expect(searches[0]).toEqual([{ status: null, handler: null, words: 'trav', limit: PAGE, view: 'all', sort: null }]);
  });

  it('filters by status and by handler', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: recordedDesk() } });
    await rows();
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'acknowledged');
    await waitFor(async () => expect(await rows()).toHaveLength(listed({ status: 'acknowledged' }).length));
    expect((await rows())[0]).toHaveTextContent('XSS');

    await user.selectOptions(screen.getByLabelText('Filter by status'), '');
    await user.selectOptions(await screen.findByLabelText('Filter by handler'), 'Bo Chen');
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    expect((await rows())[0]).toHaveTextContent('Timing leak');

    await user.selectOptions(screen.getByLabelText('Filter by handler'), ':unassigned');
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    expect((await rows())[0]).toHaveTextContent('XSS');
  });

  it('is driven from the keyboard: / searches, arrows move, Enter opens, Esc goes back', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: recordedDesk() } });
    await rows();
    // The cursor starts on the first row; two steps down is the third.
    const [, second, third] = listed({});
    await user.keyboard('/');
    expect(screen.getByRole('searchbox')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { name: third.title })).toBeInTheDocument();
    await user.keyboard('{ArrowUp}{Enter}');
    expect(await screen.findByRole('heading', { name: second.title })).toBeInTheDocument();
    screen.getByRole('listbox').focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: second.title })).toBeNull();
    expect(screen.getByText(/Select a case/)).toBeInTheDocument();
  });
});

describe('case view', () => {
  it('offers the allowed next moves and moves the case', async () => {
    const user = userEvent.setup();
    const backend = recordedDesk();
    render(App, { props: { backend } });
    await user.click(await rowOf('Path traversal'));
    const moves = await screen.findByRole('group', { name: 'Move to' });
    expect(within(moves).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Move to Acknowledged']);
    await user.click(within(moves).getByRole('button', { name: 'Move to Acknowledged' }));
    await waitFor(() => expect(screen.getByTestId('case-status')).toHaveTextContent('Acknowledged'));
    expect(backend.callsTo('moveCase')).toEqual([['EMB-2026-0001', 'acknowledged']]);
    await waitFor(async () => expect(await rowOf('Path traversal')).toHaveTextContent('Acknowledged'));
  });

  it('shows mail as text, never as markup', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: recordedDesk() } });
    await user.click(await rowOf('XSS'));
    await user.click(await screen.findByRole('tab', { name: /Correspondence/ }));
    const body = await screen.findByText(/onerror/);
    expect(body.textContent).toContain('<script>alert(2)</script>');
    expect(document.querySelector('article img, article script')).toBeNull();
  });

  it('shows a refused edit and keeps the editor open', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: new MockBackend({ unlocked: true, scene: desk.case_cve }) } });
    await user.click(await rowOf('Path traversal'));
    await user.click(await screen.findByRole('button', { name: 'Edit CVE' }));
    await user.type(screen.getByLabelText('CVE'), 'CVE-12{Enter}');
    // The core's refusal (fixtures/desk.json), beside the field.
    const refused = desk.case_cve.calls.find((c) => c.command === 'setField' && c.answer.status === 'error')!.answer;
    const words = refused.status === 'error' ? refused.error.message : '';
    await waitFor(() => expect(screen.getAllByRole('alert').filter((a) => a.textContent?.includes(words))).toHaveLength(1));
    await user.clear(screen.getByLabelText('CVE'));
    await user.type(screen.getByLabelText('CVE'), 'cve-2026-41007{Enter}');
    expect(await screen.findByRole('button', { name: 'Edit CVE' })).toHaveTextContent('CVE-2026-41007');
  });

  it('adds notes, checklist items and release lines', async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ unlocked: true, scene: desk.case_notes });
    render(App, { props: { backend } });
    await user.click(await rowOf('Path traversal'));
    await user.type(await screen.findByLabelText('New note'), 'Root cause is the join');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Root cause is the join')).toBeInTheDocument();

    await user.type(screen.getByLabelText('New checklist item'), 'Audit other decoders{Enter}');
    const item = await screen.findByRole('checkbox', { name: 'Audit other decoders' });
    await user.click(item);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Audit other decoders' })).toBeChecked());
    expect(backend.callsTo('setChecklistDone')).toEqual([['EMB-2026-0001', 1, true]]);

    await user.type(screen.getByLabelText('New release line'), '20.x{Enter}');
    await user.selectOptions(await screen.findByLabelText('20.x affected'), 'affected');
    await waitFor(() => expect(screen.getByLabelText('20.x affected')).toHaveValue('affected'));
    expect(backend.callsTo('putReleaseLine')).toEqual([
      ['EMB-2026-0001', { line: '20.x', affected: 'unknown', fixed_version: null, fix_state: 'none' }],
      ['EMB-2026-0001', { line: '20.x', affected: 'affected', fixed_version: null, fix_state: 'none' }],
    ]);
  });
});

describe('a large vault', () => {
  it('draws the first page of rows and more on request', async () => {
    const user = userEvent.setup();
    const cases = Array.from({ length: 650 }, (_, i) =>
      caseView(`EMB-2026-${String(650 - i).padStart(4, '0')}`, `Case number ${650 - i}`),
    );
    const backend = new MockBackend({ unlocked: true, cases });
    render(App, { props: { backend } });
    expect(await rows()).toHaveLength(PAGE);
    expect(screen.getByText(`Showing ${PAGE} of 650 — search or filter to narrow.`)).toBeInTheDocument();
    expect(screen.getByText('650 cases')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(async () => expect(await rows()).toHaveLength(2 * PAGE));
    // Only the rows on screen cross the IPC boundary.
    const limits = backend.callsTo('listCases').map(([filter]) => (filter as { limit: number }).limit);
    expect(limits.at(-1)).toBe(2 * PAGE);
  });
});

describe('idle lock', () => {
  it('tells the shell the person is active, without a message per keystroke', async () => {
    const user = userEvent.setup();
    const backend = backendWithCases();
    render(App, { props: { backend } });
    await rows();
    await user.keyboard('/abc');
    await user.click(screen.getByRole('searchbox'));
    expect(backend.callsTo('touch')).toHaveLength(1);
  });
});
