// How the advisory panel words what the core says about exports.
import type { ExportKind } from '../ipc';

export const EXPORTS: { kind: ExportKind; label: string; format: string }[] = [
  { kind: 'advisory', label: 'Advisory', format: 'Markdown for the blog' },
  { kind: 'cve', label: 'CVE record', format: 'CVE JSON 5.1' },
  { kind: 'osv', label: 'OSV record', format: 'OSV JSON' },
  { kind: 'csaf', label: 'CSAF advisory', format: 'CSAF 2.0 JSON' },
];

export function exportLabel(kind: ExportKind): string {
  return EXPORTS.find((e) => e.kind === kind)?.label ?? kind;
}

/**
 * The core's readiness messages end with the command-line way to fix them, e.g.
 * "CVE id missing (embargo case set EMB-2026-0042 cve CVE-YYYY-NNNN)". In the app
 * the fix is a field on the case or an export setting, so the command goes.
 */
export function withoutCommandHints(message: string): string {
  return message
    .replace(/; set it with `embargo [^`]*`/g, '')
    .replace(/\s*\(embargo [^)]*\)/g, '')
    .trim();
}
