// Words for deadlines the core computed: "due in 3 h", "overdue by 2 d". Only
// formatting lives here; which deadline, and its state, come from the shell.
import type { DeadlineBadge, DeadlineState, MetBy } from '../ipc';

const MINUTE = 60_000;

/** `45 min`, `2 h`, `3 d`, rounded down (as the notifications word it). */
export function timeSpan(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} d`;
}

/** "due in 3 h" / "overdue by 2 h" / "due now", counted from `now`. */
export function timeLeft(dueAt: string, now: string): string {
  const left = Date.parse(dueAt) - Date.parse(now);
  if (left > 0) return `due in ${timeSpan(left)}`;
  if (-left < MINUTE) return 'due now';
  return `overdue by ${timeSpan(-left)}`;
}

/** The badge's text: "Acknowledgment due in 3 h", "Detailed response paused". */
export function badgeText(badge: DeadlineBadge, now: string): string {
  if (badge.state === 'paused') return `${badge.label} paused`;
  return `${badge.label} ${timeLeft(badge.due_at, now)}`;
}

const STATE_WORDS: Record<DeadlineState, string> = {
  met: 'met',
  upcoming: 'upcoming',
  due_soon: 'due soon',
  overdue: 'overdue',
  paused: 'paused while waiting on the reporter',
  not_applicable: 'not applicable',
};

/** "due soon", "paused while waiting on the reporter", … */
export function stateWords(state: DeadlineState): string {
  return STATE_WORDS[state];
}

/** "logged as Detailed response" / "status Announced". */
export function metByWords(by: MetBy, labelOf: (rule: string) => string, statusOf: (s: string) => string): string {
  return by.kind === 'logged' ? `logged as ${labelOf(by.rule)}` : `case ${statusOf(by.status)}`;
}
