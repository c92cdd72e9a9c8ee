// The triage half of the in-memory backend (see mock.ts): a test sets what the
// panel shows per case (`triage`), and the answers behave like the core for what
// the UI relies on — marking a duplicate moves and links the case and drafts the
// reply; asking for what is missing and a non-issue reply draft from a template.
import { plainError } from './backend';
import type { CaseTriage, CaseView, DraftView, IpcError, QueueEntry, Result } from './bindings';
import type { DraftsHost } from './mock-drafts';

const ok = <T>(data: T): Result<T, IpcError> => ({ status: 'ok', data });
const fail = <T>(message: string): Result<T, IpcError> => ({ status: 'error', error: plainError('invalid-input', message) });

export interface TriageHost extends DraftsHost {
  triage: Record<string, CaseTriage>;
  queue: QueueEntry[];
}

export function emptyTriage(): CaseTriage {
  return {
    similar: [],
    report: { parts: { version: true, reproduction: true, proof_of_concept: true, impact: true }, missing: [] },
    reporter: null,
    non_issues: [],
  };
}

function draftOn(host: DraftsHost, view: CaseView, template: string, body: string): [CaseView, DraftView] {
  const draft: DraftView = {
    id: `${view.id}/D${view.drafts.length + 1}`,
    uuid: `uuid-${view.id}-${view.drafts.length + 1}`,
    case: view.id,
    template,
    audience: 'reporter',
    meets: null,
    subject: `Re: ${view.title}`,
    body,
    created_at: host.now,
    edited_at: null,
    sent_at: null,
    implies: null,
  };
  return [{ ...view, drafts: [...view.drafts, draft] }, draft];
}

export function triageCommands(host: TriageHost) {
  return {
    caseTriage: async (id: string) => {
      if (!host.find(id)) return fail<CaseTriage>(`no case matches "${id}"`);
      return ok(host.triage[id] ?? emptyTriage());
    },
    markDuplicate: async (id: string, of: string) => {
      const view = host.find(id);
      const original = host.find(of);
      if (!view || !original) return fail<DraftView>(`no case matches "${view ? of : id}"`);
      if (view.duplicate_of) return fail<DraftView>(`${id} is already marked a duplicate of ${view.duplicate_of}`);
      const [drafted, draft] = draftOn(
        host,
        { ...view, status: 'duplicate', next_statuses: ['closed'], duplicate_of: of },
        'duplicate',
        'This issue was already reported to us independently.',
      );
      host.replace(drafted);
      host.replace({ ...original, duplicates: [...original.duplicates, id] });
      return ok(draft);
    },
    requestMissingInfo: async (id: string) => {
      const view = host.find(id);
      const missing = host.triage[id]?.report.missing ?? [];
      if (!view || missing.length === 0) return fail<DraftView>(`${id} states everything a report should`);
      const [drafted, draft] = draftOn(host, view, 'request-info', missing.map((part) => `- ${part}`).join('\n'));
      host.replace(drafted);
      return ok(draft);
    },
    draftNonIssueReply: async (id: string, entry: string) => {
      const view = host.find(id);
      if (!view) return fail<DraftView>(`no case matches "${id}"`);
      const [drafted, draft] = draftOn(host, view, 'not-a-vulnerability', `Not a vulnerability (${entry}).`);
      host.replace(drafted);
      return ok(draft);
    },
    triageQueue: async () => ok(host.queue),
  };
}
