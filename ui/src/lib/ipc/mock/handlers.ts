// The shape of one area's commands in the mock: each answers synchronously with
// what the shell would send; index.ts records the calls and makes them async.
import type { Commands } from '../backend';

export type Handlers = {
  [K in keyof Commands]?: (...args: Parameters<Commands[K]>) => Awaited<ReturnType<Commands[K]>>;
};
