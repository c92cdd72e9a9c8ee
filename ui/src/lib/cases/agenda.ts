// The agenda's words: saved views, sorts and urgency groups as the list names them.
// Records over the generated types, so a view added in Rust fails the type check
// here until it is given its words.
import type { AgendaGroup, CaseSort, SavedView } from '../ipc';

export const VIEW_LABELS: Record<SavedView, string> = {
  open: 'Open',
  overdue: 'Overdue',
  'due-today': 'Due today',
  mine: 'Mine',
  unassigned: 'Unassigned',
  waiting: 'Waiting on reporter',
  ended: 'Closed & ended',
  all: 'All',
};

/** The views in the order the list offers them; key N (1–8) picks the Nth. */
export const VIEWS = Object.keys(VIEW_LABELS) as SavedView[];

export const SORT_LABELS: Record<CaseSort, string> = {
  urgency: 'Most urgent',
  received: 'Newest report',
  updated: 'Last changed',
  severity: 'Highest CVSS',
};

export const SORTS = Object.keys(SORT_LABELS) as CaseSort[];

export const GROUP_LABELS: Record<AgendaGroup, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  'due-soon': 'Due soon',
  open: 'Open',
  ended: 'Closed & ended',
};
