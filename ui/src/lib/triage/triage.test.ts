import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { CaseTriage, IpcError, QueueEntry, Result } from '../ipc/bindings';
import { dataOf, recordedAnswer, triage } from '../ipc/fixtures';
import { MockBackend } from '../ipc/mock';
import { canMarkDuplicate, scorePercent } from './labels';

// The core's triage of real reports (fixtures/triage.json): a new report that
// repeats one being fixed, from a reporter known by name from an earlier case.
type SceneName = keyof typeof triage;
const [NEW, FIXING, , UNRELATED] = triage.duplicate.cases;

function backend(scene: SceneName = 'duplicate') {
  return new MockBackend({ unlocked: true, scene: triage[scene] });
}

/** What the core's triage said of the new report. */
function triaged(): CaseTriage {
  return dataOf(recordedAnswer(triage.duplicate.calls, 'caseTriage', [NEW.id]) as Result<CaseTriage, IpcError>);
}

async function openNewest(user: ReturnType<typeof userEvent.setup>) {
  const rows = await screen.findAllByTestId('case-row');
  await user.click(rows.find((row) => row.textContent?.includes(NEW.id)) ?? rows[0]);
  return screen.findByTestId('triage-panel');
}

describe('triage panel', () => {
  it('shows the likely duplicate with the terms both reports share, and what the report lacks', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: backend() } });
    const panel = await openNewest(user);
    const [similar] = triaged().similar;
    const row = await within(panel).findByTestId('similar-row');
    expect(row).toHaveTextContent(FIXING.id);
    expect(row).toHaveTextContent(scorePercent(similar.score));
    expect(similar.likely_duplicate).toBe(true);
    expect(within(row).getByTestId('likely-duplicate')).toHaveTextContent('Likely duplicate');
    expect(within(row).getByLabelText('Shared terms')).toHaveTextContent('serveStatic');
    // The core found no version and no impact in the report; the panel names them.
    expect(triaged().report.missing).toEqual(['version', 'impact']);
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
    expect(mock.callsTo('markDuplicate')).toEqual([[NEW.id, FIXING.id]]);
    expect(await screen.findByRole('tab', { name: /Drafts/, selected: true })).toBeInTheDocument();
    expect(await screen.findByTestId('draft-row')).toHaveTextContent(`Re: ${NEW.title}`);
  });

  it('asks the reporter for exactly what is missing', async () => {
    const user = userEvent.setup();
    const mock = backend('request-info');
    render(App, { props: { backend: mock } });
    const panel = await openNewest(user);
    await user.click(await within(panel).findByTestId('request-info'));
    await waitFor(() => expect(mock.callsTo('requestMissingInfo')).toEqual([[NEW.id]]));
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
    const queue = dataOf(recordedAnswer(triage.duplicate.calls, 'triageQueue', []) as Result<QueueEntry[], IpcError>);
    // The core queues both new reports (the one being fixed is past triage); the
    // repeat of the traversal is flagged.
    expect(queue.map((entry) => entry.case_id).sort()).toEqual([NEW.id, UNRELATED.id].sort());
    const flagged = queue.findIndex((entry) => entry.case_id === NEW.id);
    render(App, { props: { backend: backend() } });
    await user.click(await screen.findByRole('button', { name: 'Triage' }));
    const entries = await screen.findAllByTestId('queue-entry');
    expect(entries).toHaveLength(2);
    expect(entries[flagged]).toHaveTextContent(`Likely duplicate of ${FIXING.id}`);
    expect(entries[flagged]).toHaveTextContent('Missing affected version, impact');
    expect(entries[1 - flagged]).not.toHaveTextContent('Likely duplicate');
    await waitFor(() => expect(entries[0]).toHaveFocus());
    await user.keyboard('{ArrowDown}');
    expect(entries[1]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(queue[1].title);
  });
});
