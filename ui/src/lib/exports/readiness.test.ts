import { describe, expect, it } from 'vitest';
import type { ExportCheck } from '../ipc';
import { checklist, fixFor, missingWords } from './readiness';

describe('the export checklist', () => {
  const checks: ExportCheck[] = [
    { kind: 'advisory', missing: [{ kind: 'release-lines' }] },
    { kind: 'cve', missing: [{ kind: 'cve-id' }, { kind: 'release-lines' }, { kind: 'setting', key: 'vendor' }] },
    { kind: 'osv', missing: [] },
    { kind: 'csaf', missing: [{ kind: 'setting', key: 'vendor' }] },
  ];

  it('lists each missing item once with every export that needs it', () => {
    expect(checklist(checks).map(({ item, exports }) => [missingWords(item), exports])).toEqual([
      ['No release lines', ['advisory', 'cve']],
      ['CVE id missing', ['cve']],
      ['No vendor in the export settings', ['cve', 'csaf']],
    ]);
  });

  it('words items with a line and points each at the field that fixes it', () => {
    expect(missingWords({ kind: 'fixed-version', line: '22.x' })).toBe('No fixed version for line 22.x');
    expect(fixFor({ kind: 'fixed-version', line: '22.x' })).toEqual({
      selector: '[aria-label="22.x fixed version"]',
      click: false,
    });
    expect(fixFor({ kind: 'cve-id' })).toEqual({ selector: '[aria-label="Edit CVE"]', click: true });
    expect(fixFor({ kind: 'setting', key: 'cna-org-id' })).toEqual({ setting: 'cna-org-id' });
  });
});
