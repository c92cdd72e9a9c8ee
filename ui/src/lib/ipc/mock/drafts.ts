// The drafts commands in the mock: the core's answers come from the test's recorded
// scene (fixtures/drafts.json); the mock only plays the shell's part — the file an
// .eml is saved to, the mail app, the clipboard.
import type { CatalogEntry, DraftPreview, DraftView } from '../bindings';
import { catalogue } from '../fixtures';
import { saveFile } from './files';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { fail, ok, unrecorded } from './results';

/** The drafts commands of MockBackend. */
export function draftCommands(host: MockBackend) {
  return {
    listTemplates: () => (host.unlocked ? catalogue.templates : fail<CatalogEntry[]>('not-unlocked', 'the vault is locked; unlock it first')),
    newDraft: (caseId: string, template: string) => host.recorded<DraftView>('newDraft', [caseId, template]),
    editDraft: (name: string, subject: string, body: string) => host.recorded<DraftView>('editDraft', [name, subject, body]),
    previewDraft: (name: string, subject: string, body: string) =>
      host.recorded<DraftPreview>('previewDraft', [name, subject, body]),
    markDraftSent: (name: string) => host.recorded<DraftView>('markDraftSent', [name]),
    saveDraftEml: (name: string, destination: string, replace: boolean) => {
      const eml = host.sceneFiles[name];
      if (eml === undefined) return unrecorded<number>('saveDraftEml', [name, destination, replace]);
      return saveFile(host, destination, replace, eml);
    },
    openDraftInMailApp: (name: string) => {
      host.mailtoOpened.push(name);
      return ok(null);
    },
    copyText: (text: string) => {
      host.copied.push(text);
      return ok(null);
    },
  } satisfies Handlers;
}
