// The mock's case list: the core's saved views, groups and sorts, enough for
// component tests (the real ones are computed in embargo-api's `case_page`).
import type { AgendaGroup, CaseFilter, CaseRow, CaseSort, SavedView, Status } from './bindings';

const ENDED: Status[] = ['not-a-vulnerability', 'duplicate', 'third-party', 'closed'];
const GROUP_ORDER: AgendaGroup[] = ['overdue', 'due-today', 'due-soon', 'open', 'ended'];

export function groupOf(row: Omit<CaseRow, 'group'>, now: string): AgendaGroup {
  if (ENDED.includes(row.status as Status)) return 'ended';
  const deadline = row.deadline;
  if (!deadline) return 'open';
  if (deadline.state === 'overdue') return 'overdue';
  const dayEnd = new Date(now);
  dayEnd.setUTCHours(24, 0, 0, 0);
  if (deadline.state !== 'paused' && Date.parse(deadline.due_at) < dayEnd.getTime()) return 'due-today';
  return deadline.state === 'due_soon' ? 'due-soon' : 'open';
}

function admits(view: SavedView, row: CaseRow, me: string): boolean {
  const ended = row.group === 'ended';
  switch (view) {
    case 'all':
      return true;
    case 'ended':
      return ended;
    case 'overdue':
    case 'due-today':
      return row.group === view;
    case 'mine':
      return !ended && row.handler === me;
    case 'unassigned':
      return !ended && row.handler === null;
    case 'waiting':
      return !ended && row.waiting_on_reporter;
    case 'open':
      return !ended;
  }
}

function compare(sort: CaseSort, a: CaseRow, b: CaseRow): number {
  const newest = Date.parse(b.received_at) - Date.parse(a.received_at);
  switch (sort) {
    case 'urgency': {
      const due = (r: CaseRow) => (r.deadline ? Date.parse(r.deadline.due_at) : Infinity);
      return GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || due(a) - due(b) || newest;
    }
    case 'received':
      return newest;
    case 'updated':
      return Date.parse(b.updated_at) - Date.parse(a.updated_at) || newest;
    case 'severity':
      return (b.severity?.base_score ?? -1) - (a.severity?.base_score ?? -1) || newest;
  }
}

/** The rows of `filter.view` in the filter's order (all rows as given without a view). */
export function agendaOf(rows: CaseRow[], filter: CaseFilter, me: string): CaseRow[] {
  const view = filter.view ?? null;
  const searching = (filter.words ?? '').trim() !== '';
  const sort = filter.sort ?? (view && !searching ? 'urgency' : null);
  const kept = view ? rows.filter((row) => admits(view, row, me)) : rows;
  return sort ? [...kept].sort((a, b) => compare(sort, a, b)) : kept;
}
