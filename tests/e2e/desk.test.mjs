// End to end in the real app: a real window under Xvfb, the real shell and vault,
// driven through WebDriver like a person would. Run by scripts/test.sh as
//   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node --test tests/e2e/
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, ROOT, screenshot } from './harness.mjs';
import { keys, literal } from './webdriver.mjs';

const REPORT = join(ROOT, 'crates/embargo-mail/tests/corpus/plain.eml');
const REPORT_TITLE = 'Path traversal in quickserve static file handler';
const PASSPHRASE = 'granite lantern orchard 42';
/** The vault's passphrase once Settings changed it. */
const NEW_PASSPHRASE = 'quartz meadow lantern 7';

const CLI = process.env.EMBARGO_CLI_BINARY ?? join(ROOT, 'target/debug/embargo');
const PIPED_TITLE = 'Heap overflow in the tar reader';
const PIPED_REPORT = [
  'From: Ravi Iyer <ravi@research.example>',
  'To: security@project.example',
  `Subject: ${PIPED_TITLE}`,
  'Message-ID: <piped-e2e@research.example>',
  'Date: Mon, 30 Nov 2026 09:00:00 +0000',
  '',
  'A crafted archive overflows the header buffer.',
  '',
].join('\r\n');

const INTAKE_TITLE = 'Stored XSS in the wiki preview';
const INTAKE_REPORT = [
  'From: Mei Lin <mei@research.example>',
  'To: security@project.example',
  `Subject: ${INTAKE_TITLE}`,
  'Message-ID: <intake-e2e@research.example>',
  'Date: Mon, 30 Nov 2026 10:00:00 +0000',
  '',
  'The preview renders script tags from page titles.',
  '',
].join('\r\n');

/** `embargo ARGS` beside the app, as a terminal would run it: no passphrase anywhere. */
function cli(dirs, args, input = '') {
  const env = { ...process.env, EMBARGO_VAULT: dirs.vault };
  delete env.EMBARGO_PASSPHRASE;
  return spawnSync(CLI, args, { env, input, encoding: 'utf8', timeout: 30_000 });
}

const button = (text) => `//button[normalize-space()=${literal(text)}]`;
const input = (name) => `//input[@name=${literal(name)}]`;
const byLabel = (label) => `//*[@aria-label=${literal(label)}]`;
const row = (text) => `//*[@data-testid='case-row'][.//*[contains(normalize-space(), ${literal(text)})]]`;

describe('a new user works a report in the desktop app', { timeout: 180_000 }, () => {
  let app;
  before(async () => {
    app = await launch();
  });
  after(async () => {
    await app?.stop();
  });

  it('creates a vault from the welcome screen', async () => {
    const { session } = app;
    await session.find(`//h1[normalize-space()='Welcome to Embargo']`);
    await (await session.find(input('name'))).type('Ana Ruiz');
    await (await session.find(input('email'))).type('ana@security.example.org');
    await (await session.find(input('new-passphrase'))).type('short');
    await session.find(`//*[@id='strength'][contains(., 'at least 8 characters')]`);
    await (await session.find(input('new-passphrase'))).type(' ' + PASSPHRASE);
    await (await session.find(input('repeat-passphrase'))).type('short ' + PASSPHRASE);
    await screenshot(session, 'create-vault');
    await (await session.find(button('Create my vault'))).click();
    await session.find(`//*[contains(., 'No cases yet')]`, { timeout: 30_000 });
  });

  it('runs its page in a web view set up for one local page (no WebGL, no media)', async () => {
    // src-tauri/src/webview_footprint.rs; the memory it saves is in BENCHMARKS.md.
    const engine = await app.session.execute(
      "return { webgl: !!document.createElement('canvas').getContext('webgl'), audio: typeof AudioContext }",
    );
    assert.deepEqual(engine, { webgl: false, audio: 'undefined' });
  });

  it('imports a report by path and lists its case', async () => {
    const { session } = app;
    await (await session.find(button('Import…'))).click();
    await (await session.find(byLabel('File path to import'))).type(REPORT);
    await (await session.find(button('Import'))).click();
    await session.find(`//ul[@aria-label='Imported']//*[contains(., 'New case')]`);
    const listed = await session.find(row(REPORT_TITLE));
    assert.match(await listed.text(), /Received/, 'a fresh report waits in "received"');
    // The report is dated 3 Nov 2026: by the real clock its acknowledgment (24 h) is overdue.
    const badge = await session.find(`${row(REPORT_TITLE)}//*[@data-testid='deadline-badge']`);
    assert.match(await badge.text(), /^Acknowledgment overdue by \d+ (h|d)$/);
    assert.equal(await badge.attribute('data-state'), 'overdue');
    await screenshot(session, 'import');
  });

  it('opens the case with the keyboard and moves it to acknowledged', async () => {
    const { session } = app;
    await session.keys(keys.escape);
    await session.keys('/');
    await session.keys(keys.enter);
    await session.find(`//h1[@id='case-title'][normalize-space()=${literal(REPORT_TITLE)}]`);
    const status = await session.find(`//*[@data-testid='case-status']`);
    assert.equal(await status.text(), 'Received');
    await (await session.find(`//*[@data-testid='move-acknowledged']`)).click();
    await session.find(`//*[@data-testid='case-status'][normalize-space()='Acknowledged']`);
    await session.find(`${row(REPORT_TITLE)}//*[normalize-space()='Acknowledged']`);
    await screenshot(session, 'case');
  });

  it('shows the deadline board and logs the acknowledgment as done', async () => {
    const { session } = app;
    const rule = (id) => `//*[@data-testid='deadline-board']//tr[@data-rule=${literal(id)}]`;
    await session.find(`${rule('ack')}[@data-state='overdue']`);
    await session.find(`${rule('response')}[contains(., 'Detailed response')]`);
    await session.find(`${rule('embargo')}[@data-state='not_applicable']`);
    await screenshot(session, 'deadline-board');
    await (await session.find(`${rule('ack')}//button[@aria-label='Log Acknowledgment as done']`)).click();
    await session.find(`${rule('ack')}[@data-state='met'][contains(., 'logged as Acknowledgment')]`);
    const badge = await session.find(
      `${row(REPORT_TITLE)}//*[@data-testid='deadline-badge'][starts-with(normalize-space(), 'Detailed response')]`,
    );
    assert.match(await badge.text(), /^Detailed response overdue by \d+ (h|d)$/, 'the list follows the board');
  });

  it('shows the report as text, never as markup', async () => {
    const { session } = app;
    await (await session.find(`//button[@role='tab'][contains(., 'Correspondence')]`)).click();
    const body = await session.find(`//pre[contains(@class, 'body')]`);
    assert.match(await body.text(), /%2e%2e\/%2e%2e\/etc\/passwd/, 'the report body is shown verbatim');
    await (await session.find(`//button[@role='tab'][contains(., 'Timeline')]`)).click();
    await session.find(`//li[contains(., 'status received → acknowledged')]`);
  });

  it('searches as you type', async () => {
    const { session } = app;
    const search = await session.find(`//input[@type='search']`);
    await search.click();
    await search.type('travers');
    await session.find(row(REPORT_TITLE));
    await search.type('zzzz');
    await session.find(`//*[contains(., 'No case matches.')]`);
    await session.keys(keys.escape);
    await session.find(row(REPORT_TITLE));
  });

  it('serves the command line while unlocked: a report piped in shows without a click', async () => {
    const { session, dirs } = app;
    const listed = JSON.parse(cli(dirs, ['--json', 'case', 'list']).stdout);
    assert.deepEqual(
      listed.map((c) => c.title),
      [REPORT_TITLE],
      'the CLI lists the cases of the unlocked app, without a passphrase',
    );
    const piped = cli(dirs, ['--json', 'import', '-'], PIPED_REPORT);
    assert.equal(JSON.parse(piped.stdout)[0].action, 'created', piped.stderr);
    await session.find(row(PIPED_TITLE));
  });

  it('watches the intake folder set in Settings: a message dropped into it shows without a click', async () => {
    const { session, dirs } = app;
    const maildir = join(dirs.home, 'Mail', 'security');
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    await (await session.find(button('Settings'))).click();
    await (await session.find(input('intake-folder'))).type(maildir);
    await (await session.find(button('Watch this folder'))).click();
    await session.find(`//*[@role='status'][contains(., 'Watching the folder')]`);
    // What a mail fetcher does: write in tmp/, move into new/.
    const delivered = join(maildir, 'new', '1764496800.M1P1.host');
    writeFileSync(join(maildir, 'tmp', 'half'), INTAKE_REPORT);
    execFileSync('mv', [join(maildir, 'tmp', 'half'), delivered]);
    writeFileSync(join(maildir, 'new', '1764496801.M2P1.host'), Buffer.from([0, 159, 146, 150, 0, 1]));
    await session.find(row(INTAKE_TITLE), { timeout: 20_000 });
    // Listed in Settings with why; every file is still where it was.
    await (await session.find(button('Import…'))).click();
    await (await session.find(button('Settings'))).click();
    await session.find(`//table[@aria-label='Files not imported']//td[contains(., 'binary, not an e-mail')]`);
    assert.deepEqual(readdirSync(join(maildir, 'new')).sort(), ['1764496800.M1P1.host', '1764496801.M2P1.host']);
  });

  it('switches the policy profile in Settings', async () => {
    const { session } = app;
    await (await session.find(button('Settings'))).click();
    await session.find(`//table[@aria-label='Rules of Seed policy']//th[normalize-space()='Acknowledgment']`);
    await (await session.find(`//select[@name='policy-profile']/option[@value='custom']`)).click();
    await session.find(`//*[@role='status'][contains(., 'Deadlines now follow Team policy')]`);
    await session.find(`//table[@aria-label='Rules of Team policy']`);
    await screenshot(session, 'settings');
  });

  it('changes the passphrase in Settings, refusing a wrong current one', async () => {
    const { session } = app;
    const form = `//form[@aria-labelledby='passphrase-title']`;
    // "short" alone is not the passphrase; completed below, it is.
    await (await session.find(input('current-passphrase'))).type('short');
    await (await session.find(input('new-passphrase'))).type(NEW_PASSPHRASE);
    await (await session.find(input('repeat-passphrase'))).type(NEW_PASSPHRASE);
    await (await session.find(button('Change passphrase'))).click();
    await session.find(`${form}//*[@role='alert'][contains(., 'The current passphrase is not right')]`, {
      timeout: 30_000,
    });
    await (await session.find(input('current-passphrase'))).type(' ' + PASSPHRASE);
    await (await session.find(button('Change passphrase'))).click();
    await session.find(`${form}//*[@role='status'][contains(., 'Passphrase changed.')]`, { timeout: 30_000 });
    await screenshot(session, 'change-passphrase');
    // The session stayed open: the case list is still there.
    await session.find(row(REPORT_TITLE));
  });

  it('locks, refuses the old passphrase and unlocks with the new one', async () => {
    const { session } = app;
    await (await session.find(button('Lock'))).click();
    const field = await session.find(input('passphrase'));
    await field.type('short ' + PASSPHRASE);
    await (await session.find(button('Unlock'))).click();
    const error = await session.find(`//*[@role='alert'][contains(., 'does not unlock this vault')]`, { timeout: 30_000 });
    assert.ok(await error.displayed());
    await screenshot(session, 'wrong-passphrase');
    await (await session.find(input('passphrase'))).type(NEW_PASSPHRASE);
    await (await session.find(button('Unlock'))).click();
    await session.find(row(REPORT_TITLE), { timeout: 30_000 });
  });

  it('locks when the screen locks (freedesktop screensaver signal on the session bus)', async () => {
    const { session } = app;
    execFileSync('dbus-send', [
      '--session',
      '--type=signal',
      '/org/freedesktop/ScreenSaver',
      'org.freedesktop.ScreenSaver.ActiveChanged',
      'boolean:true',
    ]);
    await session.find(`//*[@role='status'][contains(., 'the screen was locked')]`);
    await session.find(input('passphrase'));
    assert.equal((await session.findAll(row(REPORT_TITLE))).length, 0, 'nothing of the vault stays on screen');
  });

  it('refuses an older vault.db put back, and accepts it only when asked to on purpose', async () => {
    const { session, dirs } = app;
    const passphrase = NEW_PASSPHRASE; // as Settings changed it
    const database = join(dirs.vault, 'vault.db');
    // Locked means the session is closed, its write-ahead log folded into vault.db.
    const closed = async () => {
      const deadline = Date.now() + 10_000;
      while (existsSync(`${database}-wal`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(!existsSync(`${database}-wal`), 'the locked vault has no write-ahead log left');
    };
    await closed();
    const backup = readFileSync(database);
    await (await session.find(input('passphrase'))).type(passphrase);
    await (await session.find(button('Unlock'))).click();
    await (await session.find(row(REPORT_TITLE), { timeout: 30_000 })).click();
    await (await session.find(`//*[@data-testid='move-triaging']`)).click();
    await session.find(`${row(REPORT_TITLE)}//*[normalize-space()='Triaging']`);
    await (await session.find(button('Lock'))).click();
    await closed();
    writeFileSync(database, backup);
    await (await session.find(input('passphrase'))).type(passphrase);
    await (await session.find(button('Unlock'))).click();
    await session.find(`//*[@role='alert'][contains(., 'older than its last change')]`, { timeout: 30_000 });
    assert.deepEqual(readFileSync(database), backup, 'nothing changed');
    await (await session.find(button('Accept this restored backup…'))).click();
    await session.find(`//form[@aria-label='Accept the restored backup'][contains(., 'is lost')]`);
    await screenshot(session, 'restored-backup');
    await (await session.find(input('accept-passphrase'))).type(passphrase);
    await (await session.find(button('Accept the backup and unlock'))).click();
    await session.find(`${row(REPORT_TITLE)}//*[normalize-space()='Acknowledged']`, { timeout: 30_000 });
    await (await session.find(button('Lock'))).click();
    await session.find(input('passphrase'));
  });

  it('tells the command line that the app is locked', () => {
    const locked = cli(app.dirs, ['case', 'list']);
    assert.equal(locked.status, 4, locked.stderr);
    assert.match(locked.stderr, /the Embargo app is open but locked: unlock it there, or run this again with --direct/);
    assert.equal(locked.stdout, '', 'nothing of the vault is printed');
  });
});

describe('the demo vault', { timeout: 180_000 }, () => {
  let app;
  before(async () => {
    app = await launch({
      prepare: (dirs) => {
        execFileSync(join(ROOT, 'target/debug/embargo'), ['demo'], {
          env: { ...process.env, EMBARGO_VAULT: dirs.vault, EMBARGO_PASSPHRASE: '' },
          stdio: 'ignore',
        });
      },
    });
  });
  after(async () => {
    await app?.stop();
  });

  it('shows its passphrase on the unlock screen and opens on it', async () => {
    const { session } = app;
    const hint = await session.find(`//*[@data-testid='demo-passphrase']`);
    assert.match(await hint.text(), /correct horse battery staple/);
    await screenshot(session, 'unlock-demo');
    await (await session.find(input('passphrase'))).type('correct horse battery staple');
    await (await session.find(button('Unlock'))).click();
    await session.find(`//*[@data-testid='case-row']`, { timeout: 30_000 });
    const rows = await session.findAll(`//*[@data-testid='case-row']`);
    assert.ok(rows.length >= 10, `the demo has a dozen cases, saw ${rows.length}`);
    await screenshot(session, 'demo-list');
  });

  it('opens on the agenda: overdue first, grouped, ended cases behind their view', async () => {
    const { session } = app;
    const first = await session.find(`(//*[@data-testid='case-row'])[1]`);
    assert.equal(await first.attribute('data-group'), 'overdue', 'the most urgent case leads');
    await session.find(`//*[@role='presentation'][@data-group='overdue'][normalize-space()='Overdue']`);
    const ended = `//*[@data-testid='case-row'][@data-group='ended']`;
    assert.equal((await session.findAll(ended)).length, 0, 'the agenda holds open cases only');
    await screenshot(session, 'agenda');
    await (await session.find(`//*[@id='case-list']`)).click();
    await session.keys('7');
    await session.find(`//button[@role='radio'][@aria-checked='true'][normalize-space()='Closed & ended']`);
    await session.find(ended);
    await session.keys('1');
    await session.find(`//button[@role='radio'][@aria-checked='true'][normalize-space()='Open']`);
  });

  it('asks before ending a case, and an ended case reopens', async () => {
    const { session } = app;
    const title = 'Heap overflow in TLS session ticket handling';
    await (await session.find(row(title))).click();
    await (await session.find(`//*[@data-testid='move-duplicate']`)).click();
    await session.find(`//*[@role='alertdialog'][contains(., 'leaves the agenda')]`);
    assert.equal(await (await session.find(`//*[@data-testid='case-status']`)).text(), 'Triaging', 'nothing moved yet');
    await (await session.find(`//*[@data-testid='confirm-end']`)).click();
    await session.find(`//*[@data-testid='case-status'][normalize-space()='Duplicate']`);
    await session.gone(row(title));
    await (await session.find(`//*[@data-testid='reopen']`)).click();
    await session.find(`//*[@data-testid='case-status'][normalize-space()='Triaging']`);
    await session.find(row(title));
    await (await session.find(`//button[@role='tab'][contains(., 'Timeline')]`)).click();
    await session.find(`//li[contains(., 'reopened: status duplicate → triaging')]`);
  });

  it('acknowledges a report in three clicks from the agenda', async () => {
    const { session } = app;
    const title = 'Path traversal in static file server via encoded backslash';
    await (await session.find(row(title))).click();
    await (await session.find(`//*[@data-testid='draft-reply-ack']`)).click();
    await (await session.find(`//*[@data-testid='mark-sent-and-move']`)).click();
    await session.find(`//*[@data-testid='case-status'][normalize-space()='Acknowledged']`);
    await session.find(`//*[@data-testid='draft-sent'][contains(., 'read-only')]`);
    await session.find(`${row(title)}//*[normalize-space()='Acknowledged']`);
  });

  it('works in a narrow window beside a mail client', async () => {
    const { session } = app;
    await session.setWindowSize(720, 560);
    try {
      await (await session.find(`//*[@data-testid='back-to-list']`)).click();
      await session.find(`(//*[@data-testid='case-row'])[1]`);
      await screenshot(session, 'narrow');
      await (await session.find(`(//*[@data-testid='case-row'])[1]`)).click();
      await session.find(`//h1[@id='case-title']`);
      const [list] = await session.findAll(`//aside[@aria-label='Cases']`);
      assert.equal(await list.displayed(), false, 'the open case takes the whole narrow window');
      await session.find(`//*[@data-testid='back-to-list']`);
      await screenshot(session, 'narrow-case');
    } finally {
      await session.setWindowSize(1280, 800);
    }
  });

  it('filters by status and shows a scheduled case with its embargo zone and CVSS score', async () => {
    const { session } = app;
    const status = await session.find(byLabel('Filter by status'));
    await status.click();
    await (await session.find(`//select[@aria-label='Filter by status']/option[@value='scheduled']`)).click();
    const scheduled = await session.find(`//*[@data-testid='case-row'][.//*[normalize-space()='Scheduled']]`);
    await scheduled.click();
    const embargo = await session.find(`//*[@data-testid='embargo']`);
    assert.match(await embargo.text(), /\d{4}/);
    await session.find(`//*[contains(@class, 'score')][contains(., 'high') or contains(., 'critical') or contains(., 'medium')]`);
    await screenshot(session, 'demo-case');
  });
});

describe("deadline notifications from the app's own notifier", { timeout: 180_000 }, () => {
  // The real notification server of the notifier's tests, on the session bus of this
  // run (dbus-run-session): it records every Notify and presses the notice's "Open".
  const SERVER = join(ROOT, 'crates/embargo-cli/tests/notify/notification_server.py');
  const PASS = 'granite lantern orchard 42';
  let app;
  let server;
  let recordDir;
  let record;

  before(async () => {
    recordDir = mkdtempSync(join(tmpdir(), 'embargo-notices-'));
    record = join(recordDir, 'received.jsonl');
    server = spawn('/usr/bin/python3', [SERVER, record, 'open'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve, reject) => {
      server.stdout.once('data', (line) => (String(line).trim() === 'ready' ? resolve() : reject(new Error(String(line)))));
      server.once('exit', (code) => reject(new Error(`notification server exited ${code}`)));
    });
    app = await launch({
      // The desktop's dark setting: this launch also checks the dark theme.
      env: { GTK_THEME: 'Adwaita:dark' },
      prepare: (dirs) => {
        const cli = (args) =>
          execFileSync(join(ROOT, 'target/debug/embargo'), args, {
            env: { ...process.env, EMBARGO_VAULT: dirs.vault, EMBARGO_PASSPHRASE: PASS },
            stdio: 'ignore',
          });
        cli(['init', '--name', 'Ana Ruiz', '--email', 'ana@security.example.org']);
        // Dated 3 Nov 2026: its acknowledgment is overdue by the real clock.
        cli(['import', REPORT]);
      },
    });
  });
  after(async () => {
    await app?.stop();
    server?.kill();
    if (recordDir) rmSync(recordDir, { recursive: true, force: true });
  });

  it('notifies the overdue acknowledgment discreetly and "Open" opens the case', async () => {
    const { session } = app;
    await (await session.find(input('passphrase'))).type(PASS);
    await (await session.find(button('Unlock'))).click();
    // Unlocking runs a notifier pass at once; the server presses "Open" on the notice.
    await session.find(`//h1[@id='case-title'][normalize-space()=${literal(REPORT_TITLE)}]`, { timeout: 30_000 });
    assert.ok(existsSync(record), 'the notification server received a notice');
    const notices = readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(notices.length, 1, 'one summary for the deadlines that passed while nobody looked');
    assert.equal(notices[0].summary, '3 deadlines need attention');
    const lines = notices[0].body.split('\n');
    assert.match(lines[0], /^Acknowledgment overdue by \d+ d — EMB-2026-0001$/);
    assert.match(lines[1], /^Detailed response overdue by \d+ d — EMB-2026-0001$/);
    assert.match(lines[2], /^Reporter update overdue by \d+ d — EMB-2026-0001$/);
    assert.deepEqual(notices[0].actions, ['open', 'Open', 'snooze-1h', 'Snooze 1 h']);
    assert.ok(!JSON.stringify(notices[0]).includes('quickserve'), 'discreet: no case title in the notice');
  });

  it("follows the desktop's dark setting", async () => {
    const { session } = app;
    const dark = await session.execute("return matchMedia('(prefers-color-scheme: dark)').matches");
    assert.equal(dark, true, 'the window sees the dark preference');
    const background = await session.execute('return getComputedStyle(document.documentElement).backgroundColor');
    assert.equal(background, 'rgb(21, 24, 29)', "the dark theme's background (--bg)");
    await screenshot(session, 'dark');
  });
});
