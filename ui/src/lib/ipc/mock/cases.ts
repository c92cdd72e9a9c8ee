// The cases a test makes by hand (caseView): moved and reopened along the core's
// recorded status graph and refusals; their fields, notes, checklist and release
// lines change only in a recorded scene. Their list is only the opening list: searches and
// filters are recorded in scenes (fixtures/desk.json), never computed here.
import type { CaseFilter, CasePage, CaseRow, CaseView, ImportOutcome, IpcError, Result, Status } from '../bindings';
import type { RecordedPage } from '../fixtures';
import { caseFields, endsCase, nextStatuses, recordedAnswer, refusedMove, refusedReopen, statusGraph } from '../fixtures';
import { caseView } from './case-view';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { fail, ok, unrecorded } from './results';

// Where a reopen takes a case, from the core's recorded reopens (the mock does not
// track where a closed case came from: it reopens as one closed after triage).
function reopenTarget(status: Status): Status | null {
  const reopen = statusGraph.reopens.find((r) => r.status === status && r.came_from !== 'published');
  return reopen && reopen.answer.status === 'ok' ? reopen.answer.data : null;
}

function recordedStatus(recorded: RecordedPage, id: string): Status {
  return (recorded.page.rows.find((row) => row.id === id)?.status ?? 'received') as Status;
}

function summary(host: MockBackend, view: CaseView): Omit<CaseRow, 'deadline' | 'group'> {
  const severity = [...view.cvss].sort((a, b) => b.base_score - a.base_score)[0] ?? null;
  return {
    severity,
    reporter: view.reporter.name ?? view.reporter.email,
    waiting_on_reporter: host.boards[view.id]?.waiting_on_reporter ?? false,
    id: view.id,
    case_id: `uuid-${view.id}`,
    title: view.title,
    status: view.status,
    received_at: view.received_at,
    handler: view.handler,
    updated_at: view.received_at,
  };
}

/** The case list and case commands of MockBackend. */
export function caseCommands(host: MockBackend) {
  return {
    listCases: (filter: CaseFilter) => {
      if (!host.unlocked) return fail<CasePage>('not-unlocked', 'the vault is locked');
      const searched = recordedAnswer(host.lists, 'listCases', [filter]);
      if (searched) return searched as Result<CasePage, IpcError>;
      // A search or a filter is never computed here: a test that needs one plays a
      // scene that recorded the core's page for it.
      if (filter.words || filter.status || filter.handler) return unrecorded<CasePage>('listCases', [filter]);
      const recorded = host.pages.find((p) => p.view === (filter.view ?? null) && p.sort === (filter.sort ?? null));
      let rows: CaseRow[];
      if (host.pages.length > 0) {
        // The core's page for this view and sort, with what the test changed since:
        // a case that ended leaves the views of open cases.
        if (!recorded) return unrecorded<CasePage>('listCases', [filter]);
        const openView = filter.view !== 'ended' && filter.view !== 'all' && filter.view !== null;
        rows = recorded.page.rows
          .map((row) => {
            const view = host.find(row.id);
            return view ? { ...row, title: view.title, status: view.status, handler: view.handler } : row;
          })
          .filter((row) => !(openView && endsCase(row.status as Status) && !endsCase(recordedStatus(recorded, row.id))));
      } else {
        // A test's own cases: the opening list is every case it made, in its order,
        // without deadlines; another view of them is not computed either.
        if (filter.view !== 'open') return unrecorded<CasePage>('listCases', [filter]);
        rows = host.cases.map((c) => ({ ...summary(host, c), deadline: null, group: 'open' as const }));
      }
      const limited = filter.limit === null ? rows : rows.slice(0, filter.limit);
      return ok({ rows: limited, total: rows.length, now: recorded?.page.now ?? host.now });
    },
    listHandlers: () =>
      ok([...new Set(host.cases.map((c) => c.handler).filter((h): h is string => h !== null))].sort()),
    showCase: (id: string) => {
      const view = host.find(id);
      return view ? ok(view) : fail<CaseView>('not-found', `no case matches "${id}"`);
    },
    newCase: (details) => {
      if (!details.title.trim()) return fail<string>('invalid-input', 'a case needs a title');
      const id = `EMB-2026-${String(host.cases.length + 1).padStart(4, '0')}`;
      host.cases = [caseView(id, details.title.trim()), ...host.cases];
      return ok(id);
    },
    moveCase: (id: string, to: Status) => {
      const view = host.find(id);
      // The core's own refusal of a move its graph does not allow, as recorded.
      const refused = view && refusedMove(view.status, to);
      if (refused) return refused;
      return host.edit(id, (found) => ({ ...found, status: to, next_statuses: nextStatuses(to) }));
    },
    reopenCase: (id: string) => {
      const view = host.find(id);
      const refused = view && refusedReopen(view.status);
      if (refused) return refused;
      return host.edit(id, (found) => {
        const target = reopenTarget(found.status);
        return target ? { ...found, status: target, next_statuses: nextStatuses(target) } : `no recorded reopen of a ${found.status} case`;
      });
    },
    // Field values, notes, the checklist and release lines: the core's answers
    // from the test's scene (fixtures/desk.json), never applied here.
    setField: (id: string, field: string, value: string) => {
      // Outside a scene, only the core's recorded refusals (an unknown field, a malformed value).
      const refused = caseFields.refused.find((r) => r.args[1] === field && r.args[2] === value)?.answer;
      if (refused && host.unlocked) return refused as Result<CaseView, IpcError>;
      return host.recorded<CaseView>('setField', [id, field, value]);
    },
    addNote: (id: string, text: string) => host.recorded<CaseView>('addNote', [id, text]),
    addChecklistItem: (id: string, text: string) => host.recorded<CaseView>('addChecklistItem', [id, text]),
    setChecklistDone: (id: string, position: number, done: boolean) =>
      host.recorded<CaseView>('setChecklistDone', [id, position, done]),
    putReleaseLine: (id, line) => host.recorded<CaseView>('putReleaseLine', [id, line]),
    removeReleaseLine: (id: string, line: string) => host.recorded<CaseView>('removeReleaseLine', [id, line]),
    importFiles: (paths: string[]) => {
      if (paths.some((p) => !p.endsWith('.eml') && !p.endsWith('.mbox'))) {
        return fail<ImportOutcome[]>('invalid-input', `${paths[0]}: not an e-mail message`);
      }
      return ok(
        paths.map((file) => {
          const id = `EMB-2026-${String(host.cases.length + 1).padStart(4, '0')}`;
          host.cases = [caseView(id, `Report from ${file}`), ...host.cases];
          return { case_id: id, action: 'created' as const, file, warnings: [] };
        }),
      );
    },
    saveAttachment: (id: string, name: string) => {
      const attachment = host.cases.find((c) => c.id === id)?.attachments.find((a) => a.name === name);
      if (attachment && !attachment.available) {
        return fail<number>(
          'not-ready',
          `${name} on ${id} has not arrived yet from the team folder; it will after a sync once the file-sync tool has delivered it`,
        );
      }
      return ok(attachment?.size ?? 1234);
    },
  } satisfies Handlers;
}
