import { describe, expect, it } from 'vitest';
import { formatAge, formatEmbargo, formatSize, fromLocalInput, statusLabel, toLocalInput } from './format';

describe('formatting', () => {
  it('round-trips an instant through the datetime-local input', () => {
    const iso = '2026-11-26T13:00:00Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('refuses a value that is not a date', () => {
    expect(() => fromLocalInput('next tuesday')).toThrow(/not a date/);
  });

  it('shows an embargo with a zone name and in UTC', () => {
    const shown = formatEmbargo('2026-11-26T13:00:00Z');
    expect(shown.utc).toMatch(/UTC/);
    expect(shown.local).toMatch(/2026/);
    expect(shown.zone.length).toBeGreaterThan(0);
  });

  it('says how long ago in the largest sensible unit', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(formatAge('2026-11-24T11:59:50Z', now)).toBe('just now');
    expect(formatAge('2026-11-24T11:15:00Z', now)).toBe('45 min ago');
    expect(formatAge('2026-11-24T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2026-11-20T12:00:00Z', now)).toBe('4 d ago');
  });

  it('sizes and status names read as words', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(statusLabel('not-a-vulnerability')).toBe('Not a vulnerability');
    expect(statusLabel('cve-requested')).toBe('CVE requested');
  });
});
