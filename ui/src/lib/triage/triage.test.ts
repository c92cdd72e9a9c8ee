import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { MockBackend, caseView } from '../ipc/mock';
import { emptyTriage } from '../ipc/mock-triage';
import { canMarkDuplicate, scorePercent } from './labels';

function backend() {
  const mock = new MockBackend({
    unlocked: true,
    cases: [
      caseView('EMB-2026-0002', 'Directory traversal in the static middleware', { received_at: '2026-11-23T09:00:00Z' }),
      caseView('EMB-2026-0001', 'Path traversal in serveStatic', { status: 'fixing' }),
    ],
  });
  mock.triage['EMB-2026-0002'] = {
    ...emptyTriage(),
    similar: [
      {
        case_id: 'EMB-2026-0001',
        score: 0.62,
        likely_duplicate: true,
        shared_terms: ['serveStatic', '..%5c..%5cetc%5cpasswd'],
        title: 'Path traversal in serveStatic',
        status: 'fixing',
      },
    ],
    report: {
      parts: { version: false, reproduction: true, proof_of_concept: true, impact: false },
      missing: ['version', 'impact'],
    },
    reporter: {
      address: 'kenji@sato.example',
      cases: [
        {
          case_id: 'EMB-2025-0107',
          title: 'Old finding',
          status: 'closed',
          outcome: 'valid',
          received_at: '2025-03-01T09:00:00Z',
          credit: 'Kenji Sato',
          matched_by: 'name',
          email: 'kenji@old.example',
        },
      ],
      valid: 0,
      not_a_vulnerability: 0,
      duplicate: 0,
      third_party: 0,
      open: 0,
      credited: 0,
    },
    non_issues: [],
  };
  return mock;
}

async function openNewest(user: ReturnType<typeof userEvent.setup>) {
  const rows = await screen.findAllByTestId('case-row');
  await user.click(rows.find((row) => row.textContent?.includes('EMB-2026-0002')) ?? rows[0]);
  return screen.findByTestId('triage-panel');
}

describe('triage panel', () => {
  it('shows the likely duplicate with the terms both reports share, and what the report lacks', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: backend() } });
    const panel = await openNewest(user);
    const row = await within(panel).findByTestId('similar-row');
    expect(row).toHaveTextContent('EMB-2026-0001');
    expect(row).toHaveTextContent('62 %');
    expect(within(row).getByTestId('likely-duplicate')).toHaveTextContent('Likely duplicate');
    expect(within(row).getByLabelText('Shared terms')).toHaveTextContent('serveStatic');
    expect(within(panel).getByTestId('missing-parts')).toHaveTextContent('Missing: affected version, impact');
    expect(within(panel).getByTestId('reporter-history')).toHaveTextContent('same name');
  });

  it('marks the duplicate and hands over to its drafted reply', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    const panel = await openNewest(user);
    await user.click(await within(panel).findByTestId('mark-duplicate'));
    await waitFor(() => expect(screen.getByTestId('case-status')).toHaveTextContent('Duplicate'));
    expect(mock.callsTo('markDuplicate')).toEqual([['EMB-2026-0002', 'EMB-2026-0001']]);
    expect(await screen.findByRole('tab', { name: /Drafts/, selected: true })).toBeInTheDocument();
    expect(await screen.findByTestId('draft-row')).toHaveTextContent('Re: Directory traversal');
  });

  it('asks the reporter for exactly what is missing', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    const panel = await openNewest(user);
    await user.click(await within(panel).findByTestId('request-info'));
    await waitFor(() => expect(mock.callsTo('requestMissingInfo')).toEqual([['EMB-2026-0002']]));
    expect(await screen.findByTestId('draft-row')).toBeInTheDocument();
  });
});

describe('triage labels', () => {
  it('reads scores as percentages and offers marking only during triage', () => {
    expect(scorePercent(0.346)).toBe('35 %');
    expect(canMarkDuplicate('received', null)).toBe(true);
    expect(canMarkDuplicate('triaging', 'EMB-2026-0001')).toBe(false);
    expect(canMarkDuplicate('fixing', null)).toBe(false);
  });
});

describe('triage queue', () => {
  it('lists new reports with their flags and opens one with the keyboard', async () => {
    const user = userEvent.setup();
    const mock = backend();
    mock.queue = [
      {
        case_id: 'EMB-2026-0002',
        title: 'Directory traversal in the static middleware',
        status: 'received',
        received_at: '2026-11-23T09:00:00Z',
        reporter: 'kenji@sato.example',
        likely_duplicate_of: mock.triage['EMB-2026-0002'].similar[0],
        known_non_issue: null,
        missing: ['version', 'impact'],
        deadline: null,
      },
      {
        case_id: 'EMB-2026-0001',
        title: 'Path traversal in serveStatic',
        status: 'triaging',
        received_at: '2026-11-20T09:00:00Z',
        reporter: null,
        likely_duplicate_of: null,
        known_non_issue: null,
        missing: [],
        deadline: null,
      },
    ];
    render(App, { props: { backend: mock } });
    await user.click(await screen.findByRole('button', { name: 'Triage' }));
    const entries = await screen.findAllByTestId('queue-entry');
    expect(entries[0]).toHaveTextContent('Likely duplicate of EMB-2026-0001');
    expect(entries[0]).toHaveTextContent('Missing affected version, impact');
    await waitFor(() => expect(entries[0]).toHaveFocus());
    await user.keyboard('{ArrowDown}');
    expect(entries[1]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Path traversal in serveStatic');
  });
});
