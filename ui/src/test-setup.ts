import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// Unmount what each test rendered (vitest runs without globals here).
afterEach(() => cleanup());

// The waits are hang guards, not speed checks: on a machine busy with builds a
// screen can take longer than testing-library's default second to appear.
configure({ asyncUtilTimeout: 10_000 });
