// The drafts and exports half of the in-memory backend (see mock.ts): templates,
// drafts, preview, mark sent, readiness and export settings, behaving like the core
// for what the UI relies on — the same refusals with the same words, nothing
// recorded by a preview, a sent draft becoming outgoing mail that meets its rule.
import { plainError } from './backend';
import type {
  CaseView,
  CatalogEntry,
  DraftPreview,
  DraftView,
  ErrorCode,
  ExportCheck,
  ExportKind,
  ExportOutput,
  ExportSettingKey,
  ExportSettings,
  IpcError,
  Missing,
  Result,
} from './bindings';
import { catalogue, dataOf, exportsFixture } from './fixtures';

const ok = <T>(data: T): Result<T, IpcError> => ({ status: 'ok', data });
const fail = <T>(code: ErrorCode, message: string): Result<T, IpcError> => ({ status: 'error', error: plainError(code, message) });

/** The core's export setting keys (fixtures.ts). */
export const EXPORT_SETTING_KEYS: ExportSettingKey[] = catalogue.export_setting_keys;

/** The core's template catalogue of a new vault (fixtures.ts). */
const TEMPLATES: CatalogEntry[] = dataOf(catalogue.templates);

export interface DraftsHost {
  unlocked: boolean;
  owner: { name: string; email: string };
  now: string;
  exportSettings: ExportSettings;
  copied: string[];
  mailtoOpened: string[];
  written: Map<string, string>;
  find(id: string): CaseView | undefined;
  replace(view: CaseView): void;
}

function findDraft(host: DraftsHost, name: string): [CaseView, DraftView] | string {
  const [caseId, number] = name.split('/');
  const view = host.find(caseId ?? '');
  const draft = view?.drafts.find((d) => d.id.endsWith(`/${number}`));
  return view && draft ? [view, draft] : `no draft "${name}"`;
}

function withDraft(view: CaseView, draft: DraftView): CaseView {
  return { ...view, drafts: view.drafts.map((d) => (d.id === draft.id ? draft : d)) };
}

function preview(host: DraftsHost, view: CaseView, draft: DraftView, subject: string, body: string): DraftPreview {
  const oneLine = subject.split(/\s+/).filter(Boolean).join(' ');
  const textProblem = !oneLine
    ? 'a draft’s subject must not be empty'
    : !body.trim()
      ? 'a draft’s body must not be empty'
      : null;
  let to: string | null = null;
  let toProblem: string | null = null;
  if (draft.audience === 'reporter') {
    if (view.reporter.email) to = view.reporter.name ? `${view.reporter.name} <${view.reporter.email}>` : view.reporter.email;
    else toProblem = `${view.id} has no reporter e-mail address`;
  } else {
    const address = draft.audience === 'mailing-list' ? host.exportSettings.mailing_list : host.exportSettings.cve_request_to;
    if (address) to = address;
    else toProblem = `no ${draft.audience === 'mailing-list' ? 'mailing list' : 'CVE request'} address in the export settings`;
  }
  const report = view.messages.find((m) => m.direction === 'incoming');
  return {
    draft: draft.id,
    from: `${host.owner.name} <${host.owner.email}>`,
    to,
    to_problem: toProblem,
    subject: oneLine,
    in_reply_to: draft.audience === 'reporter' && report ? `<report-${view.id}@example.net>` : null,
    body,
    text_problem: textProblem,
  };
}

/**
 * Like the core's readiness: what `kind` lacks, as data. Still computed here (the
 * exports tests change fields and settings between checks); contract.test.ts holds
 * it to the core's recorded answer (it had drifted: the advisory URL was missing).
 */
export function missingFor(kind: ExportKind, view: CaseView, settings: ExportSettings): Missing[] {
  const missing: Missing[] = [];
  const need = (absent: boolean, what: Missing) => absent && missing.push(what);
  const setting = (key: string): Missing => ({ kind: 'setting', key });
  const records = kind !== 'advisory';
  need(records && !view.cve_id, { kind: 'cve-id' });
  need(!(view.product ?? settings.product), { kind: 'product' });
  need(view.release_lines.length === 0, { kind: 'release-lines' });
  for (const line of view.release_lines) {
    need(line.affected === 'unknown', { kind: 'line-affected-unknown', line: line.line });
    need(line.affected === 'affected' && !line.fixed_version, { kind: 'fixed-version', line: line.line });
  }
  if (kind === 'cve') {
    need(!view.cwe, { kind: 'cwe' });
    need(!settings.cna_org_id, setting('cna-org-id'));
    need(!settings.vendor, setting('vendor'));
    need(!settings.advisory_url, setting('advisory-url'));
  }
  if (kind === 'osv') {
    need(!settings.ecosystem, setting('ecosystem'));
    need(!settings.package, setting('package'));
  }
  if (kind === 'csaf') {
    need(!settings.org, setting('org'));
    need(!settings.vendor, setting('vendor'));
    need(!settings.advisory_url, setting('advisory-url'));
  }
  return missing;
}

const KINDS: ExportKind[] = ['advisory', 'cve', 'osv', 'csaf'];
const LABEL: Record<ExportKind, string> = { advisory: 'advisory', cve: 'CVE', osv: 'OSV', csaf: 'CSAF' };

function exportText(kind: ExportKind, view: CaseView): string {
  if (kind === 'advisory') return `# ${view.title}\n\n${view.cve_id ?? ''}\n`;
  return `${JSON.stringify({ kind, case: view.id, cve: view.cve_id }, null, 2)}\n`;
}

/** The drafts and exports commands of MockBackend. */
export function draftCommands(host: DraftsHost) {
  const locked = <T>(): Result<T, IpcError> | null =>
    host.unlocked ? null : fail<T>('not-unlocked', 'the vault is locked; unlock it first');
  const templates = (): CatalogEntry[] => TEMPLATES;
  const exported = (caseId: string, kind: ExportKind): Result<ExportOutput, IpcError> => {
    const view = host.find(caseId);
    if (!view) return fail('not-found', `no case matches "${caseId}"`);
    const missing = missingFor(kind, view, host.exportSettings);
    if (missing.length > 0) {
      return fail('not-ready', `the case is not ready for the ${LABEL[kind]} export: ${missing.map((m) => m.kind).join('; ')}`);
    }
    return ok({ kind, case: view.id, text: exportText(kind, view), notice: null });
  };
  const save = (destination: string, replace: boolean, text: string): Result<number, IpcError> => {
    if (!replace && host.written.has(destination)) {
      return fail('invalid-input', `${destination} already exists; choose another name (nothing was overwritten)`);
    }
    host.written.set(destination, text);
    return ok(text.length);
  };

  return {
    listTemplates: async () => locked<CatalogEntry[]>() ?? ok(templates()),
    newDraft: async (caseId: string, template: string) => {
      const view = host.find(caseId);
      if (!view) return fail<DraftView>('not-found', `no case matches "${caseId}"`);
      const entry = TEMPLATES.find((t) => t.id === template);
      if (!entry) return fail<DraftView>('not-found', `no template "${template}"`);
      const { id, audience, meets } = entry;
      // The core's refusal of a template that uses a field the case lacks, recorded
      // for a case without an embargo date.
      const refused = exportsFixture.new_draft_refused;
      if (refused.args[1] === template && !view.embargo_at && refused.answer.status === 'error') {
        return fail<DraftView>(refused.answer.error.code, refused.answer.error.message);
      }
      const report = view.messages.find((m) => m.direction === 'incoming');
      const draft: DraftView = {
        id: `${view.id}/D${view.drafts.length + 1}`,
        uuid: `uuid-${view.id}-${view.drafts.length + 1}`,
        case: view.id,
        template: id,
        audience,
        meets,
        subject: audience === 'reporter' ? `Re: ${report?.subject ?? view.title}` : `[${id}] ${view.title}`,
        body: `Hello ${view.reporter.name ?? 'there'},\n\nWe are tracking your report as ${view.id}.\n\n${host.owner.name}\n`,
        created_at: host.now,
        edited_at: null,
        sent_at: null,
        // Like the core: sending the acknowledgment of a received case implies acknowledged.
        implies: meets === 'ack' && view.status === 'received' ? 'acknowledged' : null,
      };
      host.replace({ ...view, drafts: [...view.drafts, draft] });
      return ok(draft);
    },
    editDraft: async (name: string, subject: string, body: string) => {
      const found = findDraft(host, name);
      if (typeof found === 'string') return fail<DraftView>('not-found', found);
      const [view, draft] = found;
      if (draft.sent_at) return fail<DraftView>('invalid-input', `${draft.id} was sent at ${draft.sent_at}; a sent draft cannot be edited (start a new one)`);
      const shown = preview(host, view, draft, subject, body);
      if (shown.text_problem) return fail<DraftView>('invalid-input', shown.text_problem);
      if (shown.subject === draft.subject && body === draft.body && !draft.conflict?.length) return ok(draft);
      // Like the core's JSON: no `conflict` key once it is resolved.
      const edited: DraftView = { ...draft, subject: shown.subject, body, edited_at: host.now };
      delete edited.conflict;
      host.replace(withDraft(view, edited));
      return ok(edited);
    },
    previewDraft: async (name: string, subject: string, body: string) => {
      const found = findDraft(host, name);
      if (typeof found === 'string') return fail<DraftPreview>('not-found', found);
      return ok(preview(host, found[0], found[1], subject, body));
    },
    saveDraftEml: async (name: string, destination: string, replace: boolean) => {
      const found = findDraft(host, name);
      if (typeof found === 'string') return fail<number>('not-found', found);
      const [view, draft] = found;
      const shown = preview(host, view, draft, draft.subject, draft.body);
      if (!shown.to) return fail<number>('invalid-input', shown.to_problem ?? 'no recipient');
      return save(destination, replace, `To: ${shown.to}\r\nSubject: ${shown.subject}\r\n\r\n${shown.body}`);
    },
    openDraftInMailApp: async (name: string) => {
      const found = findDraft(host, name);
      if (typeof found === 'string') return fail<null>('not-found', found);
      host.mailtoOpened.push(found[1].id);
      return ok(null);
    },
    markDraftSent: async (name: string) => {
      const found = findDraft(host, name);
      if (typeof found === 'string') return fail<DraftView>('not-found', found);
      const [view, draft] = found;
      if (draft.sent_at) return fail<DraftView>('invalid-input', `${draft.id} is already marked sent at ${draft.sent_at}`);
      const sent = { ...draft, sent_at: host.now, implies: null };
      const shown = preview(host, view, draft, draft.subject, draft.body);
      host.replace({
        ...withDraft(view, sent),
        messages: [
          ...view.messages,
          {
            direction: 'outgoing',
            from: shown.from,
            to: shown.to ? [shown.to] : [],
            subject: draft.subject,
            date: host.now,
            body: draft.body,
            attachments: [],
          },
        ],
        met: draft.meets ? [...view.met, { rule: draft.meets, at: host.now }] : view.met,
      });
      return ok(sent);
    },
    copyText: async (text: string) => {
      host.copied.push(text);
      return ok(null);
    },
    exportReadiness: async (caseId: string) => {
      const view = host.find(caseId);
      if (!view) return fail<ExportCheck[]>('not-found', `no case matches "${caseId}"`);
      return ok(KINDS.map((kind) => ({ kind, missing: missingFor(kind, view, host.exportSettings) })));
    },
    previewExport: async (caseId: string, kind: ExportKind) => exported(caseId, kind),
    saveExport: async (caseId: string, kind: ExportKind, destination: string, replace: boolean) => {
      const output = exported(caseId, kind);
      if (output.status === 'error') return output;
      return save(destination, replace, output.data.text);
    },
    exportFileName: async (caseId: string, kind: ExportKind) =>
      `${caseId}-${kind === 'advisory' ? 'advisory.md' : `${kind}.json`}`,
    exportSettings: async () => locked<ExportSettings>() ?? ok({ ...host.exportSettings }),
    exportSettingKeys: async () => EXPORT_SETTING_KEYS,
    setExportSettings: async (values: { key: string; value: string }[]) => {
      const next: ExportSettings = { ...host.exportSettings };
      for (const { key, value } of values) {
        // The core's refusals, recorded (an unknown key, an advisory URL that is not http(s)).
        const refused = exportsFixture.set_export_settings.find(
          (c) => JSON.stringify((c.args[0] as unknown[])[0]) === JSON.stringify({ key, value }) && c.answer.status === 'error',
        )?.answer;
        if (refused?.status === 'error') return fail<ExportSettings>(refused.error.code, refused.error.message);
        if (!EXPORT_SETTING_KEYS.some((k) => k.key === key)) {
          return fail<ExportSettings>('invalid-input', `unknown field "${key}"; fields are: ${EXPORT_SETTING_KEYS.map((k) => k.key).join(', ')}`);
        }
        const trimmed = value.trim();
        (next as Record<string, string | null>)[key.replaceAll('-', '_')] = trimmed || null;
      }
      host.exportSettings = next;
      return ok({ ...next });
    },
  };
}
