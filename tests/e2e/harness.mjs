// Starts the real desktop app under tauri-driver (which drives WebKitWebDriver) with
// a vault in a temporary directory, and stops everything it started by PID.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from './webdriver.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = process.env.EMBARGO_DESK_BINARY ?? join(ROOT, 'target/debug/embargo-desk');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Every process below `pid` (the driver: WebKitWebDriver, the app, WebKit's helpers). */
export function descendants(pid) {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(parent)) byParent.set(parent, []);
      byParent.get(parent).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const below = (p) => (byParent.get(p) ?? []).flatMap((child) => [child, ...below(child)]);
  return below(pid);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export async function waitForDriver(base, child, log) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the WebDriver server exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the WebDriver server did not answer within 20 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Launch the app on a fresh temporary home. `prepare(dirs)` may put a vault in
 * `dirs.vault` first; `env` adds to the app's environment (e.g. a GTK theme).
 * Returns { session, dirs, stop }.
 */
export async function launch({ prepare, env = {} } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'embargo-e2e-'));
  const dirs = { home, vault: join(home, 'vault'), config: join(home, 'config'), data: join(home, 'data') };
  mkdirSync(dirs.config);
  mkdirSync(dirs.data);
  if (prepare) await prepare(dirs);

  const port = await freePort();
  const nativePort = await freePort();
  let output = '';
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: {
      ...process.env,
      EMBARGO_VAULT: dirs.vault,
      // Window state and WebKit caches go to the temporary home, not the tester's.
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: join(home, 'cache'),
      // A zone that is not UTC, so the screenshots show embargo instants with their zone.
      TZ: process.env.EMBARGO_E2E_TZ ?? 'Europe/Berlin',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout.on('data', (d) => (output += d));
  driver.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  let session;
  let launchedAt;
  let sessionReadyAt;
  try {
    await waitForDriver(base, driver, () => output);
    launchedAt = performance.now();
    session = await Session.start(base, { 'tauri:options': { application: APP } });
    sessionReadyAt = performance.now();
  } catch (error) {
    driver.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
    throw error;
  }

  const stop = () => stopDriven(driver, session, home);
  return { session, dirs, stop, launchedAt, sessionReadyAt, driverPid: driver.pid, log: () => output };
}

/**
 * End a WebDriver session and everything its driver started, then remove `home`.
 * What the driver started must be gone before the next launch (single instance)
 * and before its files are removed; stragglers are killed by PID.
 */
export async function stopDriven(driver, session, home) {
  const started = descendants(driver.pid);
  try {
    await session.end();
  } catch {
    // the browser may already be gone; the driver is stopped below either way
  }
  driver.kill('SIGTERM');
  await new Promise((r) => (driver.exitCode !== null ? r() : driver.once('exit', r)));
  const deadline = Date.now() + 5_000;
  let left = started.filter((pid) => existsSync(`/proc/${pid}`));
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter((pid) => existsSync(`/proc/${pid}`));
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Save a screenshot for the README, after the UI has settled (see PLATFORM-NOTES). */
export async function screenshot(session, name) {
  await new Promise((r) => setTimeout(r, 400));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  writeFileSync(file, await session.screenshot());
  return file;
}
