// The app's words for a command the shell refused. The core sends a code and the
// refusal as data (which input, why, what is missing); this file words them for
// the app, naming its screens and fields (the command line names its flags). Only
// the code and the data are read here, never the message text.
import { IpcFailure, messageOf, type IpcError, type Refusal, type StatusNeed } from '../ipc';
import { missingWords } from '../exports/readiness';

function at(instant: string): string {
  return new Date(instant).toLocaleString();
}

/** A refusal in the app's terms. */
export function refusalWords(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'nothing-to-change':
      return 'Nothing to change.';
    case 'done-in-future':
      return `${at(refusal.at)} is still to come: log a step once it is done.`;
    case 'done-before-arrival':
      return `${at(refusal.at)} is before ${refusal.case} arrived (${at(refusal.arrived)}).`;
    case 'already-logged':
      return `${refusal.rule} was already logged for ${refusal.case} on ${at(refusal.at)}.`;
    case 'already-waiting':
      return `${refusal.case} already waits on the reporter.`;
    case 'not-waiting':
      return `${refusal.case} is not waiting on the reporter.`;
    case 'draft-sent':
      return `${refusal.draft} was sent on ${at(refusal.at)}; start a new draft to write again.`;
    case 'already-sent':
      return `${refusal.draft} is already marked sent (${at(refusal.at)}).`;
    case 'sent-in-future':
      return `${at(refusal.at)} is still to come: mark a draft sent once it is sent.`;
    case 'sent-before-written':
      return `${at(refusal.at)} is before ${refusal.draft} was written (${at(refusal.written)}).`;
    case 'seed-policy-read-only':
      return 'The seed policy cannot be edited: edit the Custom policy in Settings, then make it active.';
    case 'template-is-built-in':
      return `${refusal.id} is the built-in version already; there is nothing to reset.`;
    case 'template-is-teams':
      return `${refusal.id} is the team’s own template; there is no built-in version to reset it to.`;
    case 'nothing-missing':
      return `${refusal.case} states everything a request would ask; to ask something else, start a draft from the Request information template.`;
    case 'duplicate-of-itself':
      return `${refusal.case} cannot be a duplicate of itself.`;
    case 'already-duplicate':
      return `${refusal.case} is already a duplicate of ${refusal.of}.`;
    case 'original-is-duplicate':
      return `${refusal.original} is itself a duplicate of ${refusal.first}: mark ${refusal.case} a duplicate of ${refusal.first} instead.`;
  }
}

function statusNeedWords(need: StatusNeed): string {
  switch (need.kind) {
    case 'cve-id':
      return 'the CVE id';
    case 'embargo-date':
      return 'the embargo date';
    case 'fixed-version':
      return `the fixed version of line ${need.line}`;
  }
}

/** The words to show for `error`, by its code and data. */
export function errorWords(error: IpcError): string {
  switch (error.code) {
    case 'folder-unavailable':
      return 'The team folder is not available (moved, unmounted or not responding). Check it is there, then sync again.';
    case 'not-a-member':
      return 'This vault is not on a team’s roster yet: create a team, or send your member bundle (under Team) to an admin who adds you.';
    case 'not-unlocked':
      return 'The vault is locked; unlock it first.';
    case 'vault-locked':
      return 'Another Embargo (perhaps the command line) has this vault open. Close it, then try again.';
    case 'not-ready':
      if (error.missing.length > 0) {
        return `Not ready yet: ${error.missing.map((item) => missingWords(item)).join('; ')}.`;
      }
      return error.message;
    case 'refused':
      if (error.refusal) return refusalWords(error.refusal);
      if (error.status_needs.length > 0) {
        return `Fill in ${error.status_needs.map(statusNeedWords).join(' and ')} first.`;
      }
      return error.message;
    default:
      return error.message;
  }
}

/** The words to show for anything a command threw. */
export function failureWords(failure: unknown): string {
  return failure instanceof IpcFailure ? errorWords(failure.error) : messageOf(failure);
}
