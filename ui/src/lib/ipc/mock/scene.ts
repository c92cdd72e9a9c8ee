// Plays a recorded scene (fixtures.ts: what one component test asks the core, in
// order, with the core's answers): a call is answered with the answer recorded for
// the same command and arguments in the state the scene is in. A recorded change
// moves the scene on: the calls recorded after it answer in the new state only,
// and those before it no more. Nothing is computed here.
import type { CaseView, IpcError, Result } from '../bindings';
import { sameArgs, type SceneCall } from '../fixtures';

export class ScenePlayer {
  /** Index of the last change served; the state the scene is in. */
  private position = -1;

  constructor(private readonly calls: SceneCall[]) {}

  /** The recorded call answering `command(args)` now, if any; serving a change moves the scene on. */
  take(command: string, args: unknown[]): { answer: Result<unknown, IpcError>; after?: { cases: CaseView[] } } | undefined {
    for (let i = this.position + 1; i < this.calls.length; i += 1) {
      const call = this.calls[i];
      if (call.command === command && sameArgs(call.args, args)) {
        if (call.after) this.position = i;
        return call;
      }
      // Calls after a change the test has not made yet belong to a later state.
      if (call.after) return undefined;
    }
    return undefined;
  }
}
