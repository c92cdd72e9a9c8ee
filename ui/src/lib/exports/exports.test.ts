import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { ExportOutput, IpcError, Result } from '../ipc/bindings';
import { dataOf, exportsFixture, recordedAnswer, type RecordedScene } from '../ipc/fixtures';
import { MockBackend } from '../ipc/mock';

// The core's answers for a finished case and one being fixed (fixtures/exports.json):
// with the team's settings in place, and before the team set any.
const { configured, unconfigured } = exportsFixture;
const [FINISHED, UNFINISHED] = configured.cases;

function backend(scene: RecordedScene = configured) {
  return new MockBackend({ unlocked: true, scene });
}

/** The text the core exported for the finished case. */
function exported(kind: string): string {
  const answer = recordedAnswer(configured.calls, 'previewExport', [FINISHED.id, kind]);
  return (dataOf(answer as Result<ExportOutput, IpcError>) as ExportOutput).text;
}

async function openAdvisory(user: ReturnType<typeof userEvent.setup>, title: string) {
  const rows = await screen.findAllByTestId('case-row');
  await user.click(rows.find((row) => row.textContent?.includes(title)) ?? rows[0]);
  await user.click(await screen.findByRole('tab', { name: 'Advisory' }));
}

describe('advisory and exports', () => {
  it('says what a case lacks for each record before any export, in the app’s words', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openAdvisory(user, UNFINISHED.title);
    const needs = await screen.findByRole('list', { name: 'Before exporting' });
    expect(within(needs).getByRole('button', { name: 'CVE id missing' })).toBeInTheDocument();
    // Needed by all four exports, listed once.
    expect(within(needs).getAllByRole('button', { name: 'No release lines' })).toHaveLength(1);
    expect(needs).toHaveTextContent('Advisory, CVE record, OSV record, CSAF advisory');
    expect(needs).not.toHaveTextContent('embargo');
    const row = document.querySelector('[data-export="cve"]') as HTMLElement;
    expect(within(row).getByRole('button', { name: 'Export…' })).toBeDisabled();
    expect(within(row).getByText(/^Not ready \(\d+\)$/)).toBeInTheDocument();
    expect(screen.getByText(/The preview appears once the case has everything/)).toBeInTheDocument();
    expect(mock.callsTo('saveExport')).toEqual([]);
  });

  it('jumps from a missing item to the field that fixes it', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: backend() } });
    await openAdvisory(user, UNFINISHED.title);
    const needs = await screen.findByRole('list', { name: 'Before exporting' });
    await user.click(within(needs).getByRole('button', { name: 'CVE id missing' }));
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'CVE' })).toHaveFocus());

    await user.click(screen.getByRole('tab', { name: 'Advisory' }));
    await user.click(within(await screen.findByRole('list', { name: 'Before exporting' })).getByRole('button', { name: 'No release lines' }));
    await waitFor(() => expect(screen.getByLabelText('New release line')).toHaveFocus());
  });

  it('previews the advisory of a finished case as text and saves it through the dialog', async () => {
    const user = userEvent.setup();
    const mock = backend();
    mock.saveLocation = '/home/ana/advisory.md';
    render(App, { props: { backend: mock } });
    await openAdvisory(user, FINISHED.title);
    const preview = await screen.findByTestId('export-preview');
    expect(preview.tagName).toBe('PRE');
    // The core's advisory, shown as it came.
    expect(preview.textContent).toBe(exported('advisory'));
    const row = document.querySelector('[data-export="advisory"]') as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Ready')).toBeInTheDocument());
    await user.click(within(row).getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved the Advisory to /home/ana/advisory.md');
    expect(mock.saveDialogs).toEqual([{ suggestedName: configured.file_names.advisory, title: 'Export the Advisory' }]);
    expect(mock.written.get('/home/ana/advisory.md')).toBe(preview.textContent);
  });

  it('saves a record to a typed path without overwriting and shows the JSON it wrote', async () => {
    const user = userEvent.setup();
    const mock = backend();
    render(App, { props: { backend: mock } });
    await openAdvisory(user, FINISHED.title);
    await user.click(await screen.findByRole('button', { name: /OSV record/ }));
    await waitFor(() => expect(screen.getByTestId('export-preview').textContent).toBe(exported('osv')));
    await user.type(screen.getByLabelText('Path to save the OSV record to'), '/tmp/osv.json');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved the OSV record to /tmp/osv.json');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already exists');
    expect(mock.callsTo('saveExport')).toEqual([
      [FINISHED.id, 'osv', '/tmp/osv.json', false],
      [FINISHED.id, 'osv', '/tmp/osv.json', false],
    ]);
  });

  it('edits the team’s export settings there, refusing bad values, and checks again', async () => {
    const user = userEvent.setup();
    const mock = backend(unconfigured);
    render(App, { props: { backend: mock } });
    await openAdvisory(user, FINISHED.title);
    const needs = await screen.findByRole('list', { name: 'Before exporting' });
    await user.click(within(needs).getByRole('button', { name: 'No package ecosystem in the export settings' }));
    await waitFor(() => expect(screen.getByLabelText('ecosystem')).toHaveFocus());
    await user.type(await screen.findByLabelText('advisory-url'), 'ftp://example.org/{{cve}');
    await user.click(screen.getByRole('button', { name: 'Save export settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('must be an http(s) URL');
    // Refused: nothing saved, so the tab still asks for the ecosystem.
    expect(within(needs).getByRole('button', { name: 'No package ecosystem in the export settings' })).toBeInTheDocument();

    await user.clear(screen.getByLabelText('advisory-url'));
    await user.type(screen.getByLabelText('ecosystem'), 'npm');
    await user.type(screen.getByLabelText('package'), 'harbor');
    await user.click(screen.getByRole('button', { name: 'Save export settings' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved for the team.');
    expect(mock.callsTo('setExportSettings').at(-1)).toEqual([
      [
        { key: 'ecosystem', value: 'npm' },
        { key: 'package', value: 'harbor' },
      ],
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'No package ecosystem in the export settings' })).toBeNull(),
    );
  });
});
