// Tells the shell that the person is active (keys, pointer) so the idle lock waits,
// without a message per keystroke.

export const PING_EVERY_MS = 30_000;

export class ActivityPings {
  private last = -Infinity;

  constructor(
    private readonly ping: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  activity(): void {
    const now = this.now();
    if (now - this.last >= PING_EVERY_MS) {
      this.last = now;
      this.ping();
    }
  }
}
