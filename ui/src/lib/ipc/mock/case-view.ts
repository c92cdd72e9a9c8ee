// A case a test makes by hand, shaped like the core's CaseView; its next statuses
// come from the core's recorded status graph.
import type { CaseView } from '../bindings';
import { nextStatuses } from '../fixtures';

export function caseView(id: string, title: string, overrides: Partial<CaseView> = {}): CaseView {
  const status = overrides.status ?? 'received';
  return {
    id,
    title,
    status,
    next_statuses: nextStatuses(status),
    reporter: { name: 'Mei Lin', email: 'mei@example.net', credit: null },
    received_at: '2026-11-20T09:00:00Z',
    channel: 'e-mail',
    handler: null,
    product: null,
    cve_id: null,
    cwe: null,
    embargo_at: null,
    cvss: [],
    checklist: [],
    notes: [],
    messages: [],
    attachments: [],
    release_lines: [],
    timeline: [],
    met: [],
    drafts: [],
    duplicate_of: null,
    duplicates: [],
    ...overrides,
  };
}
