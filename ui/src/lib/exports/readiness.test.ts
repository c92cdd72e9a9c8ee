import { describe, expect, it } from 'vitest';
import { withoutCommandHints } from './readiness';

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
