// The triage commands in the mock, answered from the test's recorded scene
// (fixtures/triage.json: real reports read by the core's triage).
import type { CaseTriage, DraftView, QueueEntry } from '../bindings';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';

/** The triage commands of MockBackend. */
export function triageCommands(host: MockBackend) {
  return {
    caseTriage: (id: string) => host.recorded<CaseTriage>('caseTriage', [id]),
    markDuplicate: (id: string, of: string) => host.recorded<DraftView>('markDuplicate', [id, of]),
    requestMissingInfo: (id: string) => host.recorded<DraftView>('requestMissingInfo', [id]),
    draftNonIssueReply: (id: string, entry: string) => host.recorded<DraftView>('draftNonIssueReply', [id, entry]),
    triageQueue: () => host.recorded<QueueEntry[]>('triageQueue', []),
  } satisfies Handlers;
}
