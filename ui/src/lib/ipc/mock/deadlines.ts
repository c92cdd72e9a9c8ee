// The deadline board and the policy screens in the mock, answered from the core's
// recordings (fixtures/deadlines.json, catalogue.json): boards of recorded cases,
// board actions replayed in order, policy edits and uses as recorded.
import type { Commands } from '../backend';
import type { CasePage, CaseView, DeadlineBoard, IpcError, PolicyScreen, Result } from '../bindings';
import type { RecordedCall } from '../fixtures';
import { catalogue, recordedAnswer } from '../fixtures';
import type { Handlers } from './handlers';
import type { MockBackend } from './index';
import { fail, ok, unrecorded } from './results';

/** The next replayed answer, if it is for this call; a refusal naming the call otherwise. */
function replayed<T>(host: MockBackend, command: string, args: unknown[]): Result<T, IpcError> {
  const next = host.replaying[0];
  if (!next || next.command !== command || JSON.stringify(next.args) !== JSON.stringify(args)) {
    return unrecorded(command, args);
  }
  host.replaying.shift();
  const after = (next as RecordedCall & { open_page_after?: CasePage }).open_page_after;
  if (after) host.pages = [{ view: 'open', sort: null, page: after }, ...host.pages];
  return next.answer as Result<T, IpcError>;
}

/** The core's board of a recorded case; a test's own cases have no rules. */
function board(host: MockBackend, view: CaseView): DeadlineBoard {
  return (
    host.boards[view.id] ?? {
      case_id: view.id,
      now: host.now,
      profile: host.policyScreens[host.activePolicy].shown.name,
      zone: 'UTC',
      waiting_on_reporter: false,
      rules: [],
    }
  );
}

/** A board action on an unlocked, existing case, answered as the core recorded it. */
function onBoard(host: MockBackend, command: keyof Commands, args: [string, ...unknown[]]): Result<DeadlineBoard, IpcError> {
  if (!host.unlocked) return fail('not-unlocked', 'the vault is locked; unlock it first');
  const view = host.find(args[0]);
  if (!view) return fail('not-found', `no case matches "${args[0]}"`);
  const answer = replayed<DeadlineBoard>(host, command, args);
  if (answer.status === 'ok') host.boards[view.id] = answer.data;
  return answer;
}

/** The deadline and policy commands of MockBackend. */
export function deadlineCommands(host: MockBackend) {
  return {
    deadlineBoard: (id: string) => {
      if (!host.unlocked) return fail<DeadlineBoard>('not-unlocked', 'the vault is locked; unlock it first');
      const view = host.find(id);
      return view ? ok(board(host, view)) : fail<DeadlineBoard>('not-found', `no case matches "${id}"`);
    },
    setWaiting: (id: string, waiting: boolean) => onBoard(host, 'setWaiting', [id, waiting]),
    logMet: (id: string, rule: string) => onBoard(host, 'logMet', [id, rule]),
    snoozeDeadline: (id: string, rule: string, hours: number) =>
      onBoard(host, 'snoozeDeadline', [id, rule, hours]),
    policyScreen: (id: string | null) => {
      const screen = host.policyScreens[id ?? host.activePolicy];
      return screen ? ok(screen) : fail<PolicyScreen>('invalid-input', `no policy profile "${id}"; profiles are: seed, custom`);
    },
    editPolicy: (id: string, key: string, value: string) => {
      const answer = recordedAnswer(catalogue.policy_edits, 'editPolicy', [id, key, value]) as Result<PolicyScreen, IpcError> | undefined;
      if (!answer) return fail<PolicyScreen>('internal', `the mock has no recorded answer for editPolicy(${id}, ${key}, ${value})`);
      if (answer.status === 'ok') host.policyScreens[id] = answer.data;
      return answer;
    },
    usePolicy: (id: string) => {
      const answer = recordedAnswer(catalogue.policy_uses, 'usePolicy', [id]) as Result<PolicyScreen, IpcError> | undefined;
      if (!answer) return fail<PolicyScreen>('internal', `the mock has no recorded answer for usePolicy(${id})`);
      if (answer.status === 'ok') {
        host.activePolicy = id;
        host.policyScreens[id] = answer.data;
      }
      return answer;
    },
  } satisfies Handlers;
}
