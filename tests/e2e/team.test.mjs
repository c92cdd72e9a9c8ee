// A team over a plain shared folder, in the real app: Ana creates the team in the
// window and adds Bob from his bundle with the whole history; Bob (the CLI, his own
// vault) joins, opens a case that Ana handles and syncs. The app notices the file
// landing, merges it, lists the case, and a real notification server on the session
// bus receives a discreet notice (the case id, never its title). Then Ana adds Carol
// with access from now on: a new team key starts, and Carol reads Bob's next case
// but never the one written before she came.
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
const LATER = 'SSRF in the webhook tester';

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
  const carolEnv = { ...process.env, EMBARGO_VAULT: join(work, 'carol'), EMBARGO_PASSPHRASE: BOB_PASSPHRASE };
  const carol = (...args) => execFileSync(EMBARGO, args, { env: carolEnv, encoding: 'utf8' });
  const checked = (value) =>
    app.session.execute(`return document.querySelector("input[name='member-history'][value='${value}']").checked`);

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
    await session.find(`//*[@data-testid='team-format'][contains(., 'format 2')]`);

    bob('init', '--name', 'Bob Stone', '--email', 'bob@security.example.org');
    const bundle = JSON.parse(bob('--json', 'identity', 'show')).bundle;
    await (await session.find(field('member-bundle'))).type(bundle);
    assert.equal(await checked('Full'), true, 'the whole history is the default');
    await (await session.find(button('Add member'))).click();
    await session.find(`//ul[@aria-label='Members']//li[contains(., 'Bob Stone')]`);
    await session.find(`//*[@data-testid='key-generation'][contains(., 'generation 1: this device holds it')]`);
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
  });

  it('adds a member with access from now on: she reads what is written after, nothing before', async () => {
    const { session } = app;
    const fingerprint = (await (await session.find(`//*[@data-testid='my-fingerprint']`)).text()).trim();
    carol('init', '--name', 'Carol Reyes', '--email', 'carol@security.example.org');
    const bundle = JSON.parse(carol('--json', 'identity', 'show')).bundle;
    await (await session.find(field('member-bundle'))).type(bundle);
    await (await session.find(`//input[@name='member-history'][@value='FromNow']`)).click();
    assert.equal(await checked('FromNow'), true);
    await screenshot(session, 'team');
    await (await session.find(button('Add member'))).click();
    await session.find(`//*[@role='status'][contains(., 'access from now on: a new team key started')]`);
    await session.find(`//ul[@aria-label='Members']//li[contains(., 'Carol Reyes')]`);
    await session.find(`//*[@data-testid='key-generation'][contains(., 'generation 2: this device holds it')]`);

    carol('team', 'join', '--folder', folder, '--fingerprint', fingerprint);
    bob('sync');
    const later = JSON.parse(
      bob('--json', 'case', 'new', '--title', LATER, '--reporter-email', 'reporter@example.net'),
    );
    bob('case', 'set', later.id, 'handler', 'ana@security.example.org');
    bob('sync');
    carol('sync');
    const carolSees = carol('--json', 'case', 'list');
    assert.ok(carolSees.includes(LATER), `Carol reads what Bob wrote after she came: ${carolSees}`);
    assert.ok(!carolSees.includes(TITLE), 'Carol never reads what was written before she came');

    await session.find(row(LATER), { timeout: 20_000 });
    await session.find(`//table//tr[contains(., 'Bob Stone')][contains(., 'up to date')]`, { timeout: 10_000 });
    // The sync card (key generation, devices) sits below the fold at 1280×800.
    await session.execute(`document.querySelector("[aria-labelledby='sync-title']").scrollIntoView({ block: 'end' })`);
    await screenshot(session, 'team-synced');
  });
});
