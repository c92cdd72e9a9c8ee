// A team over a plain shared folder, in the real app: Ana creates the team in the
// window and adds Bob from his bundle; Bob (the CLI, his own vault) joins, opens a
// case that Ana handles and syncs. The app notices the file landing, merges it,
// lists the case, and a real notification server on the session bus receives a
// discreet notice (the case id, never its title).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, ROOT, screenshot } from './harness.mjs';
import { literal } from './webdriver.mjs';

const EMBARGO = join(ROOT, 'target/debug/embargo');
const SERVER = join(ROOT, 'crates/embargo-cli/tests/notify/notification_server.py');
const PASSPHRASE = 'granite lantern orchard 42';
const BOB_PASSPHRASE = 'bob keeps another passphrase';
const TITLE = 'Stored XSS in the ticket viewer';

const button = (text) => `//button[normalize-space()=${literal(text)}]`;
const field = (name) => `//*[@name=${literal(name)}]`;
const row = (text) => `//*[@data-testid='case-row'][.//*[contains(normalize-space(), ${literal(text)})]]`;

/** A real org.freedesktop.Notifications server on this test's session bus. */
async function notificationServer(record) {
  const server = spawn('/usr/bin/python3', [SERVER, record], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    server.once('exit', (code) => reject(new Error(`notification server exited (${code})`)));
  });
  return server;
}

async function until(check, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a team over a shared folder', { timeout: 240_000 }, () => {
  let app;
  let server;
  const work = mkdtempSync(join(tmpdir(), 'embargo-team-e2e-'));
  const folder = join(work, 'shared');
  const record = join(work, 'notifications.jsonl');
  const bobEnv = { ...process.env, EMBARGO_VAULT: join(work, 'bob'), EMBARGO_PASSPHRASE: BOB_PASSPHRASE };
  const bob = (...args) => execFileSync(EMBARGO, args, { env: bobEnv, encoding: 'utf8' });

  before(async () => {
    execFileSync('mkdir', ['-p', folder]);
    server = await notificationServer(record);
    app = await launch();
  });
  after(async () => {
    await app?.stop();
    server?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  it('creates a team in the window and adds a member from his bundle', async () => {
    const { session } = app;
    await (await session.find(field('name'))).type('Ana Ruiz');
    await (await session.find(field('email'))).type('ana@security.example.org');
    await (await session.find(field('new-passphrase'))).type(PASSPHRASE);
    await (await session.find(field('repeat-passphrase'))).type(PASSPHRASE);
    await (await session.find(button('Create my vault'))).click();
    await session.find(`//*[contains(., 'No cases yet')]`, { timeout: 30_000 });

    await (await session.find(button('Team'))).click();
    await (await session.find(field('team-folder'))).type(folder);
    await (await session.find(field('team-name'))).type('PSIRT');
    await (await session.find(button('Create team'))).click();
    await session.find(`//*[@role='status'][contains(., 'Team created')]`);

    bob('init', '--name', 'Bob Stone', '--email', 'bob@security.example.org');
    const bundle = JSON.parse(bob('--json', 'identity', 'show')).bundle;
    await (await session.find(field('member-bundle'))).type(bundle);
    await (await session.find(button('Add member'))).click();
    await session.find(`//ul[@aria-label='Members']//li[contains(., 'Bob Stone')]`);
    await screenshot(session, 'team');
  });

  it('merges a teammate’s case as soon as his file lands, and tells its handler discreetly', async () => {
    const { session } = app;
    const fingerprint = (await (await session.find(`//*[@data-testid='my-fingerprint']`)).text()).trim();
    bob('team', 'join', '--folder', folder, '--fingerprint', fingerprint);
    const opened = JSON.parse(
      bob('--json', 'case', 'new', '--title', TITLE, '--reporter-email', 'reporter@example.net'),
    );
    bob('case', 'set', opened.id, 'handler', 'ana@security.example.org');
    bob('sync');

    // No click: the app watches the folder.
    await session.find(row(TITLE), { timeout: 20_000 });
    const notices = await until(
      () => existsSync(record) && readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l)),
      'the teammate notification',
    );
    const notice = notices.find((n) => n.summary.includes('A teammate updated'));
    assert.ok(notice, JSON.stringify(notices));
    assert.equal(notice.summary, `A teammate updated ${opened.id}`);
    assert.ok(!JSON.stringify(notices).includes(TITLE), 'the embargoed title never reaches the notification');

    await session.find(`//table//tr[contains(., 'Bob Stone')][contains(., 'up to date')]`, { timeout: 10_000 });
    await screenshot(session, 'team-synced');
  });
});
