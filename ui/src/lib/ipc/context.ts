import { getContext, setContext } from 'svelte';
import type { Backend } from './backend';

const KEY = Symbol('embargo-backend');

/** Make `backend` available to every component below the caller. */
export function provideBackend(backend: Backend): void {
  setContext(KEY, backend);
}

/** The backend provided by an ancestor (App, or a test harness). */
export function useBackend(): Backend {
  const backend = getContext<Backend | undefined>(KEY);
  if (!backend) throw new Error('no Backend in context: wrap the component in App or a test harness');
  return backend;
}
