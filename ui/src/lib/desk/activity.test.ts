import { describe, expect, it } from 'vitest';
import { ActivityPings, PING_EVERY_MS } from './activity';

describe('activity pings', () => {
  it('pings at once, then at most once per interval', () => {
    let now = 1_000_000;
    const pings: number[] = [];
    const activity = new ActivityPings(() => pings.push(now), () => now);
    activity.activity();
    now += 10;
    activity.activity();
    now += PING_EVERY_MS;
    activity.activity();
    expect(pings).toEqual([1_000_000, 1_000_000 + 10 + PING_EVERY_MS]);
  });
});
