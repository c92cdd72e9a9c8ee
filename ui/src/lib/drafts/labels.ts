// Words for what the core names by id: audiences and the policy rules a draft meets.
import type { Audience, CaseView, DraftView } from '../ipc';

/** The picker's groups, in the order a case needs them. */
export const AUDIENCES: { audience: Audience; label: string }[] = [
  { audience: 'reporter', label: 'To the reporter' },
  { audience: 'mailing-list', label: 'Security mailing list (vendors, distros, public)' },
  { audience: 'cna', label: 'CVE request (CNA)' },
];

const RULES: Record<string, string> = {
  ack: 'acknowledgment',
  response: 'detailed response',
  update: 'update to the reporter',
  embargo: 'embargo',
  announce: 'announcement',
  advisory: 'advisory',
};

/** "acknowledgment" for `ack`; unknown rule ids (a team's own) as they are. */
export function ruleLabel(rule: string): string {
  return RULES[rule] ?? rule;
}

/** When the deadline a draft meets was met on this case, if it was. */
export function metAt(view: CaseView, draft: DraftView): string | null {
  if (!draft.meets) return null;
  const met = view.met.filter((m) => m.rule === draft.meets);
  return met.length > 0 ? met[met.length - 1].at : null;
}
