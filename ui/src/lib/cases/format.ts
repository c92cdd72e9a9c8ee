// How instants and sizes are shown. Everything is stored in UTC; people read their
// own time zone, and an embargo always shows its zone (and UTC) so nobody
// mistakes whose midnight it is.

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const withZone = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

const utc = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

const day = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** "24 Nov 2026, 09:00" in the local zone. */
export function formatInstant(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "24 Nov 2026" in the local zone. */
export function formatDay(iso: string): string {
  return day.format(new Date(iso));
}

/** The local zone's name, e.g. "Europe/Berlin". */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An embargo: local time with its zone, then the same instant in UTC. */
export function formatEmbargo(iso: string): { local: string; utc: string; zone: string } {
  const date = new Date(iso);
  return { local: withZone.format(date), utc: utc.format(date), zone: localZone() };
}

/** The value for an <input type="datetime-local"> showing `iso` in the local zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An RFC 3339 instant (UTC) from a datetime-local value read in the local zone. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${value} is not a date and time`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "3 h ago", "2 d ago", or the day for older instants. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const minutes = Math.round((now.getTime() - new Date(iso).getTime()) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 14) return `${days} d ago`;
  return formatDay(iso);
}

/** "12 KB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "not-a-vulnerability" → "Not a vulnerability" */
export function statusLabel(status: string): string {
  const words = status.replace(/-/g, ' ').replace(/\bcve\b/, 'CVE');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
