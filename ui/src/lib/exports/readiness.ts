// How the advisory panel words what the core says about exports.
import type { ExportCheck, ExportKind, Missing } from '../ipc';

export const EXPORTS: { kind: ExportKind; label: string; format: string }[] = [
  { kind: 'advisory', label: 'Advisory', format: 'Markdown for the blog' },
  { kind: 'cve', label: 'CVE record', format: 'CVE JSON 5.1' },
  { kind: 'osv', label: 'OSV record', format: 'OSV JSON' },
  { kind: 'csaf', label: 'CSAF advisory', format: 'CSAF 2.0 JSON' },
];

export function exportLabel(kind: ExportKind): string {
  return EXPORTS.find((e) => e.kind === kind)?.label ?? kind;
}

/** The export settings by the key the core names them with, in words. */
const SETTING_NAMES: Record<string, string> = {
  'cna-org-id': 'CNA organisation id',
  vendor: 'vendor',
  'advisory-url': 'advisory URL',
  ecosystem: 'package ecosystem',
  package: 'package name',
  org: 'publishing organisation',
  product: 'product',
};

/** What an export lacks, in the app's words (the core sends data, not sentences). */
export function missingWords(item: Missing): string {
  switch (item.kind) {
    case 'cve-id':
      return 'CVE id missing';
    case 'product':
      return 'No product, on the case or in the team’s export settings';
    case 'release-lines':
      return 'No release lines';
    case 'affected-line':
      return 'No release line is marked affected';
    case 'line-affected-unknown':
      return `Line ${item.line}: still unknown whether it is affected`;
    case 'fixed-version':
      return `No fixed version for line ${item.line}`;
    case 'line-not-a-range':
      return `Line “${item.line}” is not a version range; name lines like 22.x`;
    case 'cwe':
      return 'CWE missing';
    case 'setting':
      return `No ${SETTING_NAMES[item.key] ?? item.key} in the export settings`;
  }
}

/** Where a missing item is fixed: an element of the case's overview (clicked
 * open when it is an editable field), or an export setting. */
export type FixTarget = { selector: string; click: boolean } | { setting: string };

export function fixFor(item: Missing): FixTarget {
  const field = (label: string) => ({ selector: `[aria-label="Edit ${label}"]`, click: true });
  switch (item.kind) {
    case 'cve-id':
      return field('CVE');
    case 'cwe':
      return field('CWE');
    case 'product':
      return field('Product');
    case 'fixed-version':
      return { selector: `[aria-label="${item.line} fixed version"]`, click: false };
    case 'line-affected-unknown':
      return { selector: `[aria-label="${item.line} affected"]`, click: false };
    case 'release-lines':
    case 'affected-line':
    case 'line-not-a-range':
      return { selector: '[aria-label="New release line"]', click: false };
    case 'setting':
      return { setting: item.key };
  }
}

/** Every missing item once, with the exports that need it, in the core's order. */
export function checklist(checks: ExportCheck[]): { item: Missing; key: string; exports: ExportKind[] }[] {
  const items = new Map<string, { item: Missing; key: string; exports: ExportKind[] }>();
  for (const check of checks) {
    for (const item of check.missing) {
      const key = JSON.stringify(item);
      const entry = items.get(key) ?? { item, key, exports: [] };
      entry.exports.push(check.kind);
      items.set(key, entry);
    }
  }
  return [...items.values()];
}
