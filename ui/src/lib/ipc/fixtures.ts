// What the test backend (mock/) knows of the core, read from the fixtures that Rust
// writes (src-tauri/examples/export_fixtures/: the real use cases on temporary
// vaults at a fixed clock; `cargo run -p embargo-desk --example export-fixtures`).
// Nothing here is computed: the mock replays these answers, and contract.test.ts
// fails when the mock and the fixtures disagree. Test-only.
import type {
  CasePage,
  CaseSort,
  CaseView,
  CatalogEntry,
  DeadlineBoard,
  ExportSettingKey,
  IpcError,
  PolicyScreen,
  Result,
  SavedView,
  Status,
} from './bindings';
import agendaJson from './fixtures/agenda.json';
import caseFieldsJson from './fixtures/case-fields.json';
import catalogueJson from './fixtures/catalogue.json';
import deadlinesJson from './fixtures/deadlines.json';
import deskJson from './fixtures/desk.json';
import draftsJson from './fixtures/drafts.json';
import exportsJson from './fixtures/exports.json';
import statusGraphJson from './fixtures/status-graph.json';
import teamJson from './fixtures/team.json';
import triageJson from './fixtures/triage.json';

/** One recorded call: the command's generated name, its arguments, the shell's answer. */
export interface RecordedCall {
  command: string;
  args: unknown[];
  answer: Result<unknown, IpcError>;
}

/** A recorded call of a scene; a change that succeeded carries the cases after it. */
export interface SceneCall extends RecordedCall {
  after?: { cases: CaseView[] };
}

/**
 * What one component test asks the core, in order (mock/scene.ts plays it): the
 * cases it starts with, each call with the core's answer, and what the shell
 * would write to a file the test saves (by draft name).
 */
export interface RecordedScene {
  cases: CaseView[];
  calls: SceneCall[];
  files: Record<string, string>;
}

/** The case list of one saved view in one sort (null: the default). */
export interface RecordedPage {
  view: SavedView | null;
  sort: CaseSort | null;
  page: CasePage;
}

/** What the list, the boards and the case views show at one instant. */
export interface RecordedSnapshot {
  pages: RecordedPage[];
  boards: Record<string, DeadlineBoard>;
  cases: Record<string, CaseView>;
}

export const statusGraph = statusGraphJson as unknown as {
  statuses: { status: Status; next: Status[]; ends_case: boolean }[];
  reopens: { case: string; status: Status; came_from: Status | null; answer: Result<Status, IpcError> }[];
  /** The core's answer to every move the graph does not allow, from every status. */
  refused_moves: { from: Status; to: Status; answer: Result<CaseView, IpcError> }[];
  /** The core's answer to reopening a case that has not ended, in every such status. */
  refused_reopens: { status: Status; answer: Result<CaseView, IpcError> }[];
};

/** The core's refusal of moving a case in `from` to `to`, or undefined where the graph allows it. */
export function refusedMove(from: Status, to: Status): Result<CaseView, IpcError> | undefined {
  return statusGraph.refused_moves.find((m) => m.from === from && m.to === to)?.answer;
}

/** The core's refusal of reopening a case in `status`, or undefined where it reopens. */
export function refusedReopen(status: Status): Result<CaseView, IpcError> | undefined {
  return statusGraph.refused_reopens.find((r) => r.status === status)?.answer;
}

export const caseFields = caseFieldsJson as unknown as {
  fields: { name: string; help: string }[];
  refused: RecordedCall[];
};

export const catalogue = catalogueJson as unknown as {
  templates: Result<CatalogEntry[], IpcError>;
  policy_screens: Record<'seed' | 'custom', Result<PolicyScreen, IpcError>>;
  policy_edits: RecordedCall[];
  policy_uses: RecordedCall[];
  export_setting_keys: ExportSettingKey[];
};

export const deadlines = deadlinesJson as unknown as {
  clocks: Record<string, RecordedSnapshot>;
  /** Board actions in order, each chain from the untouched case, with the open list after each. */
  chains: Record<'log-response' | 'waiting-then-info' | 'waiting-twice' | 'snooze' | 'unknown-rule', RecordedCall[]>;
};

export const agenda = agendaJson as unknown as {
  now: string;
  snapshot: RecordedSnapshot;
  handlers: string[];
  /** Searches of the morning's cases (listCases with words). */
  searches: RecordedCall[];
  /** The old report's acknowledgment drafted from the board and marked sent. */
  reply_from_board: RecordedScene;
};

export const exportsFixture = exportsJson as unknown as {
  /** A finished case and one being fixed, with the team's settings in place. */
  configured: RecordedScene & { file_names: Record<string, string> };
  /** The same two cases before the team set anything; then a refused and a saved setting. */
  unconfigured: RecordedScene;
};

export const drafts = draftsJson as unknown as Record<
  'picker' | 'acknowledgment-edited' | 'acknowledgment-sent' | 'request-info-refused' | 'update-copied' | 'conflict',
  RecordedScene
>;

/** Three cases listed, searched, filtered and one moved (the desk's case list). */
export const desk = deskJson as unknown as { case_list: RecordedScene; case_cve: RecordedScene; case_notes: RecordedScene };

/** What the fixtures show of a person instead of their random keys. */
export interface StandIn {
  bundle: string;
  fingerprint: string;
  recipient: string;
}

/** The team screen's scenes: real vaults sharing a real team folder (typed as `/srv/team`). */
export const team = teamJson as unknown as {
  people: Record<'ana' | 'bob' | 'eve', StandIn>;
  scenes: Record<'created' | 'from-now' | 'joined' | 'sync-mine' | 'folder-gone' | 'upgrade', RecordedScene>;
};

export const triage = triageJson as unknown as Record<'duplicate' | 'request-info', RecordedScene>;

/** The data of a recorded answer that must have succeeded. */
export function dataOf<T>(answer: Result<T, IpcError>): T {
  if (answer.status === 'error') throw new Error(`the recorded answer is a refusal: ${answer.error.message}`);
  return answer.data;
}

/** The statuses a case in `status` may move to next (the core's graph). */
export function nextStatuses(status: Status): Status[] {
  return statusGraph.statuses.find((s) => s.status === status)?.next ?? [];
}

/** Whether `status` ends a case's work (closed, or a triage outcome). */
export function endsCase(status: Status): boolean {
  return statusGraph.statuses.find((s) => s.status === status)?.ends_case ?? false;
}

/** `value` as JSON with every object's keys in order (Rust writes them sorted, the UI as it builds them). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Same arguments, compared as JSON whatever the order of their keys. */
export function sameArgs(a: unknown[], b: unknown[]): boolean {
  return canonical(a) === canonical(b);
}

/** The recorded answer to `command(args)` among `calls`, or undefined. */
export function recordedAnswer(calls: RecordedCall[], command: string, args: unknown[]): RecordedCall['answer'] | undefined {
  return calls.find((c) => c.command === command && sameArgs(c.args, args))?.answer;
}
