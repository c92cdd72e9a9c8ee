// WebKitGTK's own floor for the desktop benchmark: MiniBrowser, the browser that
// ships with WebKitGTK, started by WebKitWebDriver exactly as tauri-driver starts the
// app (same driver, same Xvfb, same session bus), so the two are measured alike.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopDriven, waitForDriver } from '../harness.mjs';
import { Session } from '../webdriver.mjs';

export const MINIBROWSER =
  process.env.EMBARGO_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Start MiniBrowser under WebKitWebDriver on a fresh temporary home. */
export async function launchMiniBrowser() {
  if (!existsSync(MINIBROWSER)) throw new Error(`no MiniBrowser at ${MINIBROWSER} (package libwebkit2gtk-4.1-0); set EMBARGO_MINIBROWSER`);
  const home = mkdtempSync(join(tmpdir(), 'embargo-minibrowser-'));
  for (const dir of ['config', 'data', 'cache']) mkdirSync(join(home, dir));
  const port = await freePort();
  let output = '';
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CACHE_HOME: join(home, 'cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout.on('data', (d) => (output += d));
  driver.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  let session;
  let launchedAt;
  try {
    await waitForDriver(base, driver, () => output);
    launchedAt = performance.now();
    session = await Session.start(base, { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } });
  } catch (error) {
    driver.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
    throw error;
  }

  const stop = () => stopDriven(driver, session, home);
  const open = (url) => session.call('POST', '/url', { url });
  return { session, open, stop, launchedAt, driverPid: driver.pid };
}
