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
