// Desktop app benchmark (not a test), side by side with WebKitGTK's own floor,
// MiniBrowser, in one run under the same Xvfb, session bus and WebDriver:
// - cold start: the app to an interactive unlock screen, against MiniBrowser
//   launched and opening a local page with a passphrase field (runs alternate, so
//   a busy machine slows both alike);
// - memory (PSS summed over every process, shared pages counted once): the app
//   idle on its unlock screen and idle with the vault unlocked, against MiniBrowser
//   idle on a blank page.
// Run by scripts/bench-desk.sh:  node tests/e2e/bench.mjs VAULT_DIR RUNS
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, descendants, launch } from './harness.mjs';
import { launchMiniBrowser } from './bench/minibrowser.mjs';

const [vault, runsText = '5'] = process.argv.slice(2);
if (!vault) throw new Error('usage: bench.mjs VAULT_DIR [RUNS]');
const runs = Number(runsText);
const PASSPHRASE = process.env.EMBARGO_PASSPHRASE || 'correct horse battery staple';
const unlockField = `//input[@name='passphrase'][not(@disabled)]`;
const localPage = pathToFileURL(join(ROOT, 'tests/e2e/bench/local-page.html')).href;

const prepare = (dirs) => cpSync(vault, dirs.vault, { recursive: true });

function name(pid) {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

function memoryKb(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
  return { rss: field('Rss'), pss: field('Pss') };
}

/** Every process the driver started (the browser and WebKit's helpers), not the driver. */
function sample(driverPid) {
  return descendants(driverPid)
    .map((pid) => ({ pid, name: name(pid), ...memoryKb(pid) }))
    .filter((p) => p.name !== 'WebKitWebDriver');
}

/**
 * WebKit processes outside this run. PSS splits a shared page between every process
 * mapping it, so another WebKit app running beside the benchmark lowers the figures.
 */
function strangers(driverPid) {
  const ours = new Set(descendants(driverPid));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && !ours.has(Number(entry)))
    .filter((pid) => {
      try {
        return /^(WebKit|MiniBrowser|embargo-desk)/.test(name(pid));
      } catch {
        return false; // ended while we looked
      }
    }).length;
}
const disturbed = [];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Idle: nothing touched for a while, as a person reading would leave it.
const idle = () => new Promise((r) => setTimeout(r, 10_000));

async function appStartup() {
  const app = await launch({ prepare });
  try {
    await app.session.find(unlockField, { timeout: 30_000, poll: 5 });
    return performance.now() - app.launchedAt;
  } finally {
    await app.stop();
  }
}

async function miniBrowserStartup() {
  const browser = await launchMiniBrowser();
  try {
    await browser.open(localPage);
    await browser.session.find(`//input[@name='passphrase']`, { timeout: 30_000, poll: 5 });
    return performance.now() - browser.launchedAt;
  } finally {
    await browser.stop();
  }
}

const startups = { app: [], miniBrowser: [] };
for (let run = 0; run < runs; run++) {
  startups.app.push(await appStartup());
  startups.miniBrowser.push(await miniBrowserStartup());
}

const browser = await launchMiniBrowser();
let floor;
try {
  await idle();
  floor = sample(browser.driverPid);
  disturbed.push(strangers(browser.driverPid));
} finally {
  await browser.stop();
}

const app = await launch({ prepare });
let locked;
let unlocked;
let shownText;
try {
  const field = await app.session.find(unlockField, { timeout: 30_000 });
  await idle();
  locked = sample(app.driverPid);
  disturbed.push(strangers(app.driverPid));
  await field.type(PASSPHRASE);
  await (await app.session.find(`//button[normalize-space()='Unlock']`)).click();
  await app.session.find(`//*[@data-testid='case-row']`, { timeout: 60_000 });
  // A long list says how many rows it drew of how many; a short one draws them all.
  const [more] = await app.session.findAll(`//div[@class and contains(@class, 'more')]/span`);
  shownText = more
    ? (await more.text()).trim()
    : `${(await app.session.findAll(`//*[@data-testid='case-row']`)).length} cases`;
  await idle();
  unlocked = sample(app.driverPid);
  disturbed.push(strangers(app.driverPid));
  if (process.env.EMBARGO_BENCH_SCREENSHOT) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.EMBARGO_BENCH_SCREENSHOT, await app.session.screenshot());
  }
} finally {
  await app.stop();
}

const mb = (kb) => (kb / 1024).toFixed(0);
const total = (processes, key) => processes.reduce((sum, p) => sum + p[key], 0);
const ms = (values) => `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

function table(title, processes) {
  console.log(title);
  for (const p of processes) console.log(`  ${p.name.padEnd(22)} RSS ${mb(p.rss).padStart(5)} MB   PSS ${mb(p.pss).padStart(5)} MB`);
  console.log(`  ${'total'.padEnd(22)} RSS ${mb(total(processes, 'rss')).padStart(5)} MB   PSS ${mb(total(processes, 'pss')).padStart(5)} MB`);
}

console.log(`cold start, ${runs} runs each, alternating:`);
console.log(`  Embargo to an interactive unlock screen: ${ms(startups.app)}`);
console.log(`  MiniBrowser opening a local page:        ${ms(startups.miniBrowser)}`);
console.log(`  ratio of medians: ${ratio(median(startups.app), median(startups.miniBrowser))} (target ≤ 1.2×)`);
table('MiniBrowser idle on a blank page:', floor);
table('Embargo idle on the unlock screen:', locked);
table(`Embargo idle after unlocking (${shownText}):`, unlocked);
console.log(`memory (PSS): unlock screen ${ratio(total(locked, 'pss'), total(floor, 'pss'))}, unlocked ${ratio(total(unlocked, 'pss'), total(floor, 'pss'))} of MiniBrowser's (target ≤ 1.2×)`);
if (disturbed.some((count) => count > 0)) {
  console.log(`warning: other WebKit processes ran beside the memory samples (${disturbed.join(', ')}): shared pages were split with them, so these PSS figures are too low; measure on a quiet machine`);
}
