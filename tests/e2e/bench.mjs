// Desktop app benchmark (not a test): cold start to an interactive unlock screen,
// and memory while idle with a large vault unlocked. Run by scripts/bench-desk.sh:
//   node tests/e2e/bench.mjs VAULT_DIR RUNS
import { cpSync, readFileSync } from 'node:fs';
import { descendants, launch } from './harness.mjs';

const [vault, runsText = '5'] = process.argv.slice(2);
if (!vault) throw new Error('usage: bench.mjs VAULT_DIR [RUNS]');
const runs = Number(runsText);
const PASSPHRASE = process.env.EMBARGO_PASSPHRASE || 'correct horse battery staple';
const unlockField = `//input[@name='passphrase'][not(@disabled)]`;

const prepare = (dirs) => cpSync(vault, dirs.vault, { recursive: true });

function name(pid) {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

function memoryKb(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
  return { rss: field('Rss'), pss: field('Pss') };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const startups = [];
const sessions = [];
for (let run = 0; run < runs; run++) {
  const app = await launch({ prepare });
  try {
    await app.session.find(unlockField, { timeout: 30_000, poll: 5 });
    startups.push(performance.now() - app.launchedAt);
    sessions.push(app.sessionReadyAt - app.launchedAt);
  } finally {
    await app.stop();
  }
}

function sample(app) {
  return descendants(app.driverPid)
    .map((pid) => ({ pid, name: name(pid), ...memoryKb(pid) }))
    .filter((p) => p.name !== 'WebKitWebDriver');
}

const idle = () => new Promise((r) => setTimeout(r, 10_000));

const app = await launch({ prepare });
let memory;
let locked;
try {
  const field = await app.session.find(unlockField, { timeout: 30_000 });
  await idle();
  locked = sample(app);
  await field.type(PASSPHRASE);
  await (await app.session.find(`//button[normalize-space()='Unlock']`)).click();
  await app.session.find(`//*[@data-testid='case-row']`, { timeout: 60_000 });
  const listed = await app.session.find(`//div[@class and contains(@class, 'more')]/span`, { timeout: 10_000 });
  const shownText = await listed.text();
  // Idle: nothing touched for a while, as a person reading would leave it.
  await idle();
  memory = { processes: sample(app), shownText };
  if (process.env.EMBARGO_BENCH_SCREENSHOT) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.EMBARGO_BENCH_SCREENSHOT, await app.session.screenshot());
  }
} finally {
  await app.stop();
}

const mb = (kb) => (kb / 1024).toFixed(0);
const sum = (processes, key) => processes.reduce((total, p) => total + p[key], 0);
const total = (key) => sum(memory.processes, key);
console.log(`startup to interactive unlock screen, ${runs} runs: median ${median(startups).toFixed(0)} ms (min ${Math.min(...startups).toFixed(0)}, max ${Math.max(...startups).toFixed(0)}); of which the WebDriver session (WebKitWebDriver starts, launches the app, attaches): median ${median(sessions).toFixed(0)} ms`);
console.log(`idle on the unlock screen: RSS ${mb(sum(locked, 'rss'))} MB, PSS ${mb(sum(locked, 'pss'))} MB (${locked.map((p) => `${p.name} ${mb(p.pss)}`).join(', ')})`);
console.log(`idle after unlocking (${memory.shownText.trim()}):`);
for (const p of memory.processes) console.log(`  ${p.name.padEnd(22)} RSS ${mb(p.rss).padStart(5)} MB   PSS ${mb(p.pss).padStart(5)} MB`);
console.log(`  ${'total'.padEnd(22)} RSS ${mb(total('rss')).padStart(5)} MB   PSS ${mb(total('pss')).padStart(5)} MB`);
