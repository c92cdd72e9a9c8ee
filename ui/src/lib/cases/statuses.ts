import type { Status } from '../ipc';

// A Record over the generated Status type: adding a status in Rust fails the type
// check here until it is given its place.
const POLICY_ORDER: Record<Status, number> = {
  received: 0,
  acknowledged: 1,
  triaging: 2,
  confirmed: 3,
  'not-a-vulnerability': 4,
  duplicate: 5,
  'third-party': 6,
  fixing: 7,
  'fix-ready': 8,
  'cve-requested': 9,
  scheduled: 10,
  announced: 11,
  published: 12,
  closed: 13,
};

/** Every status in policy order (for the filter). */
export const STATUSES: readonly Status[] = (Object.keys(POLICY_ORDER) as Status[]).sort(
  (a, b) => POLICY_ORDER[a] - POLICY_ORDER[b],
);

/** What ending a case in each end state means, said before the handler confirms. */
export const END_STATES: Partial<Record<Status, string>> = {
  'not-a-vulnerability': 'Triage found no vulnerability.',
  duplicate: 'It was already reported in another case.',
  'third-party': 'The bug is in someone else’s code; the reporter is redirected.',
  closed: 'Nothing is left to do.',
};

/** Whether moving to `status` ends the case (asks first; Reopen brings it back). */
export function isEndState(status: Status): boolean {
  return status in END_STATES;
}
