// The advisory tab's commands in the mock: readiness, previews and the team's
// export settings come from the test's recorded scene (fixtures/exports.json);
// the mock only writes the previewed text where the test saves it.
import type { ExportCheck, ExportKind, ExportOutput, ExportSettings } from '../bindings';
import { catalogue } from '../fixtures';
import { saveFile } from './files';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';

/** The export file name the shell suggests (contract.test.ts holds it to the core's). */
function exportFileName(caseId: string, kind: ExportKind): string {
  return `${caseId}-${kind === 'advisory' ? 'advisory.md' : `${kind}.json`}`;
}

/** The exports commands of MockBackend. */
export function exportCommands(host: MockBackend) {
  return {
    exportReadiness: (caseId: string) => host.recorded<ExportCheck[]>('exportReadiness', [caseId]),
    previewExport: (caseId: string, kind: ExportKind) => host.recorded<ExportOutput>('previewExport', [caseId, kind]),
    saveExport: (caseId: string, kind: ExportKind, destination: string, replace: boolean) => {
      // What the shell writes is the export the core previewed for this case and kind.
      const output = host.recorded<ExportOutput>('previewExport', [caseId, kind]);
      if (output.status === 'error') return output;
      return saveFile(host, destination, replace, output.data.text);
    },
    exportFileName,
    exportSettings: () => host.recorded<ExportSettings>('exportSettings', []),
    exportSettingKeys: () => catalogue.export_setting_keys,
    setExportSettings: (values: { key: string; value: string }[]) =>
      host.recorded<ExportSettings>('setExportSettings', [values]),
  } satisfies Handlers;
}
