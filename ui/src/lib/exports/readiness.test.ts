import { describe, expect, it } from 'vitest';
import type { ExportCheck } from '../ipc';
import { checklist, fixFor, missingWords, withoutCommandHints } from './readiness';

describe('readiness messages in the app', () => {
  it('drop the command-line fixes and keep what is missing', () => {
    expect(withoutCommandHints('CVE id missing (embargo case set EMB-2026-0001 cve CVE-YYYY-NNNN)')).toBe(
      'CVE id missing',
    );
    expect(
      withoutCommandHints(
        "no product: set the case's (embargo case set EMB-2026-0001 product NAME) or the team's (embargo export-settings set product NAME)",
      ),
    ).toBe("no product: set the case's or the team's");
    expect(
      withoutCommandHints(
        "no advisory URL in export settings, the record's reference (embargo export-settings set advisory-url https://…/{cve})",
      ),
    ).toBe("no advisory URL in export settings, the record's reference");
    expect(
      withoutCommandHints(
        'template announcement (subject, line 1) uses case.cve, which this case does not have; set it with `embargo case set ID cve CVE-YYYY-NNNN`',
      ),
    ).toBe('template announcement (subject, line 1) uses case.cve, which this case does not have');
    expect(withoutCommandHints('no release line is marked affected')).toBe('no release line is marked affected');
  });
});

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
