export type { Backend, Commands } from './backend';
export { IpcFailure, messageOf, plainError, unwrap } from './backend';
export { provideBackend, useBackend } from './context';
export type * from './bindings';
