// Words for the triage panel's values (kept out of the component so they are tested).
import type { Outcome, ReportPart, SameReporter } from '../ipc';

export const PART_LABELS: Record<ReportPart, string> = {
  version: 'affected version',
  reproduction: 'steps to reproduce',
  proof_of_concept: 'proof of concept',
  impact: 'impact',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  open: 'open',
  valid: 'valid',
  'not-a-vulnerability': 'not a vulnerability',
  duplicate: 'duplicate',
  'third-party': 'third-party',
};

export const SAME_REPORTER_LABELS: Record<SameReporter, string> = {
  address: '',
  name: 'same name',
  domain: 'same domain',
};

/** A similarity score as a percentage people read at a glance. */
export function scorePercent(score: number): string {
  return `${Math.round(score * 100)} %`;
}

/** Whether a case can still be closed as a duplicate (it has not left triage). */
export function canMarkDuplicate(status: string, duplicateOf: string | null): boolean {
  return duplicateOf === null && ['received', 'acknowledged', 'triaging'].includes(status);
}
