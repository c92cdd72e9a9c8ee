// The mock backend's deadlines: the seed policy's rules evaluated the way the core
// does (ack 24 h, response 48 h, update every 5 d, pausing while waiting on the
// reporter, a reply meeting the acknowledgment), at a fixed mock "now". Test-only.
import type {
  BoardRule,
  CaseView,
  DeadlineBadge,
  DeadlineBoard,
  DeadlineState,
  PolicyRuleView,
  PolicyScreen,
  ProfileSummary,
} from './bindings';

const HOUR = 3_600_000;

interface MockRule {
  rule: string;
  label: string;
  describe: string;
  hours: number;
  lead: number;
  pauses: boolean;
  alsoMetBy: string[];
  /** Rules whose logging restarts this one (recurring). */
  restartsOn?: string[];
}

export const SEED_RULES: MockRule[] = [
  { rule: 'ack', label: 'Acknowledgment', describe: '24 h after the report arrives', hours: 24, lead: 4, pauses: false, alsoMetBy: ['response', 'update'] },
  { rule: 'response', label: 'Detailed response', describe: '48 h after the report arrives', hours: 48, lead: 8, pauses: true, alsoMetBy: [] },
  {
    rule: 'update',
    label: 'Reporter update',
    describe: '5 d after the last of ack/response/update',
    hours: 120,
    lead: 24,
    pauses: true,
    alsoMetBy: [],
    restartsOn: ['ack', 'response', 'update'],
  },
  { rule: 'embargo', label: 'Embargo end', describe: "at the case's embargo date, else 72 h after the CVE id is set", hours: 72, lead: 24, pauses: false, alsoMetBy: [] },
];

export interface CaseDeadlines {
  met: { rule: string; at: string }[];
  waiting: boolean;
  snoozed: Record<string, string>;
}

const FINISHED = ['closed', 'not-a-vulnerability', 'duplicate', 'third-party'];

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function boardOf(view: CaseView, facts: CaseDeadlines, now: string, profile: string): DeadlineBoard {
  const nowMs = Date.parse(now);
  const rules: BoardRule[] = SEED_RULES.map((rule) => {
    const restarts = rule.restartsOn;
    const relevant = facts.met.filter((m) => (restarts ?? [rule.rule, ...rule.alsoMetBy]).includes(m.rule));
    const pick = restarts ? relevant[relevant.length - 1] : relevant[0];
    let start = Date.parse(view.received_at);
    if (restarts && pick) start = Date.parse(pick.at);
    let dueMs: number | null = start + rule.hours * HOUR;
    if (rule.rule === 'embargo') dueMs = view.embargo_at ? Date.parse(view.embargo_at) : null;
    let state: DeadlineState;
    if (!restarts && pick) state = 'met';
    else if (FINISHED.includes(view.status) || dueMs === null) state = 'not_applicable';
    else if (facts.waiting && rule.pauses) state = 'paused';
    else if (nowMs >= dueMs) state = 'overdue';
    else if (nowMs >= dueMs - rule.lead * HOUR) state = 'due_soon';
    else state = 'upcoming';
    return {
      rule: rule.rule,
      label: rule.label,
      describe: rule.describe,
      state,
      due_at: dueMs === null ? null : iso(dueMs),
      warn_at: dueMs === null ? null : iso(dueMs - rule.lead * HOUR),
      met_at: pick?.at ?? null,
      met_by: pick ? { kind: 'logged', rule: pick.rule } : null,
      recurs: restarts !== undefined,
      pauses_while_waiting: rule.pauses,
      snoozed_until: facts.snoozed[rule.rule] ?? null,
    };
  });
  return { case_id: view.id, now, profile, zone: 'UTC', waiting_on_reporter: facts.waiting, rules };
}

const PRESSURE: Partial<Record<DeadlineState, number>> = { overdue: 0, due_soon: 1, upcoming: 2, paused: 3 };

/** The core's `most_urgent`: overdue, due soon, upcoming, paused; soonest first. */
export function badgeOf(board: DeadlineBoard): DeadlineBadge | null {
  const open = board.rules
    .filter((r) => PRESSURE[r.state] !== undefined && r.due_at !== null)
    .sort((a, b) => PRESSURE[a.state]! - PRESSURE[b.state]! || Date.parse(a.due_at!) - Date.parse(b.due_at!));
  const first = open[0];
  return first ? { rule: first.rule, label: first.label, state: first.state, due_at: first.due_at! } : null;
}

export const PROFILES: { id: string; name: string }[] = [
  { id: 'seed', name: 'Seed policy' },
  { id: 'custom', name: 'Team policy' },
];

/** A profile edit as the core validates it (durations only, in the mock). */
export function policyEditProblem(id: string, key: string, value: string): string | null {
  if (id === 'seed') return 'the seed policy is read-only; edit its copy instead (--profile custom)';
  if (key === 'zone') return null;
  const [rule, field] = key.split('.');
  if (!SEED_RULES.some((r) => r.rule === rule) || !['after', 'lead'].includes(field)) {
    return `unknown policy setting "${key}"`;
  }
  return /^\d+[dhm]$/.test(value.trim()) ? null : `invalid duration "${value}": not a number with a unit; write e.g. 24h, 5d, 90m or 2h30m`;
}

export function policyScreen(
  active: string,
  shownId: string | null,
  edits: Record<string, string> = {},
): PolicyScreen {
  const summary = (p: { id: string; name: string }): ProfileSummary => ({
    id: p.id,
    name: p.name,
    active: p.id === active,
    editable: p.id !== 'seed',
  });
  const shown = PROFILES.find((p) => p.id === (shownId ?? active)) ?? PROFILES[0];
  const rules: PolicyRuleView[] = SEED_RULES.map((r) => ({
    id: r.rule,
    label: r.label,
    describe: r.describe,
    lead: `${r.lead} h`,
    business_days: false,
    pauses_while_waiting: r.pauses,
    enabled: true,
  }));
  const own = shown.id === 'seed' ? {} : edits;
  const settings = [
    { key: 'zone', rule: null, help: 'IANA time zone of the working calendar, e.g. Europe/Berlin', value: own.zone ?? 'UTC' },
    ...SEED_RULES.flatMap((r) => [
      { key: `${r.rule}.after`, rule: r.rule, help: 'how long after the anchor, e.g. 24h, 5d, 2h30m', value: own[`${r.rule}.after`] ?? `${r.hours}h` },
      { key: `${r.rule}.lead`, rule: r.rule, help: 'warning lead time before the deadline, e.g. 4h', value: own[`${r.rule}.lead`] ?? `${r.lead}h` },
    ]),
  ];
  return { active, profiles: PROFILES.map(summary), shown: summary(shown), zone: own.zone ?? 'UTC', rules, settings };
}
