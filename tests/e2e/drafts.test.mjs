// Drafts and exports in the real app, on the demo vault: an acknowledgment drafted
// from its template, edited, previewed, exported as .eml and marked sent; a case
// not ready for a CVE record says what it lacks; a finished case's advisory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, ROOT, screenshot } from './harness.mjs';
import { literal } from './webdriver.mjs';

const RECEIVED = 'Prototype pollution in query-string parser';
const NOT_READY = 'Request smuggling via duplicated Content-Length';
const FINISHED = 'Symlink race in temp-dir cleanup';

const button = (text) => `//button[normalize-space()=${literal(text)}]`;
const byLabel = (label) => `//*[@aria-label=${literal(label)}]`;
const tab = (name) => `//button[@role='tab'][starts-with(normalize-space(), ${literal(name)})]`;
const row = (text) => `//*[@data-testid='case-row'][.//*[contains(normalize-space(), ${literal(text)})]]`;

describe('drafts and exports in the desktop app', { timeout: 240_000 }, () => {
  let app;
  // The desktop's URL opener, replaced by one that writes down what it was given:
  // "Open in mail app" is checked without starting a mail client.
  const opener = mkdtempSync(join(tmpdir(), 'embargo-e2e-opener-'));
  const opened = join(opener, 'opened.txt');
  before(async () => {
    writeFileSync(join(opener, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
    chmodSync(join(opener, 'xdg-open'), 0o755);
    process.env.PATH = `${opener}:${process.env.PATH}`;
    app = await launch({
      prepare: (dirs) => {
        execFileSync(join(ROOT, 'target/debug/embargo'), ['demo'], {
          env: { ...process.env, EMBARGO_VAULT: dirs.vault, EMBARGO_PASSPHRASE: '' },
          stdio: 'ignore',
        });
      },
    });
    const { session } = app;
    await (await session.find(`//input[@name='passphrase']`)).type('correct horse battery staple');
    await (await session.find(button('Unlock'))).click();
    await session.find(`//*[@data-testid='case-row']`, { timeout: 30_000 });
  });
  after(async () => {
    await app?.stop();
    rmSync(opener, { recursive: true, force: true });
  });

  async function openCase(title) {
    const { session } = app;
    const search = await session.find(`//input[@type='search']`);
    await search.clear();
    await search.type(title.split(' ').slice(0, 2).join(' '));
    await (await session.find(row(title))).click();
    await session.find(`//h1[@id='case-title'][normalize-space()=${literal(title)}]`);
  }

  it('drafts an acknowledgment from its template, edits it and previews what will be sent', async () => {
    const { session } = app;
    await openCase(RECEIVED);
    await (await session.find(tab('Drafts'))).click();
    await session.find(`//*[contains(., 'No drafts yet')]`);
    await (await session.find(button('New draft…'))).click();
    await (await session.find(`//select[@id='template']`)).click();
    const option = await session.find(`//select[@id='template']//optgroup[@label='To the reporter']/option[@value='acknowledgment']`);
    await option.click();
    await session.find(`//*[@data-testid='template-meets'][contains(., 'acknowledgment deadline')]`);
    await (await session.find(button('Create draft'))).click();

    const heading = await session.find(`//*[@data-testid='draft-editor']//h2`);
    const draftId = await heading.text();
    assert.match(draftId, /^EMB-\d{4}-\d{4}\/D1$/);
    const body = await session.find(`//textarea[@id='draft-body']`);
    assert.match(await body.attribute('value') ?? (await body.text()), /Hello Lucas Ferreira/);
    await body.type('\nP.S. Please keep the PoC private until the fix ships.');
    await session.find(`//*[@data-testid='preview-body'][contains(., 'P.S. Please keep the PoC private')]`);
    await session.find(`//*[@data-testid='preview-to'][contains(., 'Lucas Ferreira <lucas@ferreira.dev>')]`);
    await session.find(`//*[@data-testid='preview-subject'][normalize-space()=${literal(`Re: ${RECEIVED}`)}]`);
    await session.find(`//*[@data-testid='preview-in-reply-to'][contains(., '@demo.embargo.invalid>')]`);
    await session.find(`//*[contains(., 'Unsaved changes')]`);
    await screenshot(session, 'drafts');
  });

  it('exports the draft as .eml to a typed path, with the bytes the core wrote', async () => {
    const { session, dirs } = app;
    const file = join(dirs.home, 'acknowledgment.eml');
    await (await session.find(`//*[@data-testid='draft-editor']//summary[normalize-space()='Type a path instead']`)).click();
    await (await session.find(byLabel('Path to save the .eml to'))).type(file);
    await (await session.find(button('Save .eml'))).click();
    await session.find(`//*[@role='status'][contains(., ${literal(`Exported to ${file}.`)})]`);
    const eml = readFileSync(file, 'utf8');
    assert.match(eml, /^Subject: Re: Prototype pollution in query-string parser\r$/m);
    assert.match(eml, /^In-Reply-To: <[0-9a-f]+@demo\.embargo\.invalid>\r$/m);
    assert.match(eml, /P\.S\. Please keep the PoC private/, 'the edit was saved before the export');
  });

  it('copies the subject and body to the clipboard', async () => {
    const { session } = app;
    await (await session.find(button('Copy subject + body'))).click();
    await session.find(`//*[@role='status'][contains(., 'Copied the subject and body.')]`);
    // What another program pasting now would get (the X clipboard, read by xclip).
    const pasted = execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8' });
    assert.match(pasted, /^Subject: Re: Prototype pollution in query-string parser\n\nHello Lucas Ferreira,\n/);
    assert.match(pasted, /P\.S\. Please keep the PoC private until the fix ships\.$/);
  });

  it('clears the copied text from the clipboard at lock, and only if it is still ours', async () => {
    const { session } = app;
    // An empty clipboard makes xclip fail: that is "nothing to paste".
    const paste = () => {
      try {
        return execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return '';
      }
    };
    const unlock = async () => {
      await (await session.find(`//input[@name='passphrase']`)).type('correct horse battery staple');
      await (await session.find(button('Unlock'))).click();
      await session.find(`//*[@data-testid='case-row']`, { timeout: 30_000 });
      await openCase(RECEIVED);
      await (await session.find(tab('Drafts'))).click();
      await (await session.find(`//*[@data-testid='draft-row']`)).click();
      // The editor's actions wait for its preview (the mail-app button needs the recipient).
      await session.find(`//*[@data-testid='preview-to'][contains(., 'Lucas Ferreira')]`);
    };
    assert.match(paste(), /P\.S\. Please keep the PoC private/, 'still on the clipboard from the copy above');
    // Something the person copied afterwards, from another program, stays.
    // xclip stays in the background to serve the selection: it must not hold our pipes.
    execFileSync('xclip', ['-i', '-selection', 'clipboard'], { input: 'their own text', stdio: ['pipe', 'ignore', 'ignore'] });
    await (await session.find(button('Lock'))).click();
    await session.find(`//input[@name='passphrase']`);
    assert.equal(paste(), 'their own text');
    await unlock();
    await (await session.find(`//*[@data-testid='draft-editor']//summary[normalize-space()='More']`)).click();
    await (await session.find(button('Copy body'))).click();
    await session.find(`//*[@role='status'][contains(., 'Copied the body.')]`);
    assert.match(paste(), /Hello Lucas Ferreira/);
    await (await session.find(button('Lock'))).click();
    await session.find(`//input[@name='passphrase']`);
    assert.doesNotMatch(paste(), /Lucas Ferreira|PoC/, 'the draft does not outlive the lock on the clipboard');
    await unlock();
  });

  it('hands the draft to the mail app as a mailto: URL', async () => {
    const { session } = app;
    await (await session.find(`//*[@data-testid='draft-editor']//summary[normalize-space()='More']`)).click();
    await (await session.find(button('Open in mail app'))).click();
    await session.find(`//*[@role='status'][contains(., 'Handed to your mail app')]`);
    const deadline = Date.now() + 5_000;
    let urls = '';
    while (!urls && Date.now() < deadline) {
      urls = (() => {
        try {
          return readFileSync(opened, 'utf8');
        } catch {
          return '';
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = urls.trim();
    assert.match(url, /^mailto:lucas@ferreira\.dev\?subject=Re%3A%20Prototype%20pollution/);
    assert.match(url, /&In-Reply-To=%3C[0-9a-f]+%40demo\.embargo\.invalid%3E/);
    assert.match(decodeURIComponent(url.split('&body=')[1]), /P\.S\. Please keep the PoC private/);
  });

  it('marks it sent and acknowledged in one step: the deadline is met and the reply is in the correspondence', async () => {
    const { session } = app;
    await (await session.find(`//*[@data-testid='mark-sent-and-move'][normalize-space()='Mark sent & move to Acknowledged']`)).click();
    await session.find(`//*[@data-testid='draft-sent'][starts-with(normalize-space(), 'Sent on')]`);
    await session.find(`//*[@data-testid='preview-sent-on'][contains(., 'read-only')]`);
    await session.find(`//*[@data-testid='case-status'][normalize-space()='Acknowledged']`);
    const meets = await session.find(`//*[@data-testid='draft-meets'][contains(., '— met')]`);
    assert.match(await meets.text(), /Meets the acknowledgment deadline — met /);
    await session.gone(`//*[@data-testid='mark-sent-and-move']`);
    await session.gone(button('Mark sent only'));
    await session.execute("document.getElementById('drafts-title').scrollIntoView()");
    await screenshot(session, 'draft-sent');
    await (await session.find(tab('Correspondence'))).click();
    await session.find(`//li[@data-direction='outgoing'][.//pre[contains(., 'P.S. Please keep the PoC private')]]`);
    await (await session.find(tab('Timeline'))).click();
    await session.find(`//li[contains(., 'ack done at')]`);
  });

  it('lists once what the exports lack, and each item jumps to the field that fixes it', async () => {
    const { session } = app;
    await openCase(NOT_READY);
    await (await session.find(tab('Advisory'))).click();
    const needs = await session.find(`//ul[@data-testid='export-needs']`);
    const text = await needs.text();
    assert.match(text, /CVE id missing/);
    assert.match(text, /No fixed version for line 22\.x/);
    assert.doesNotMatch(text, /embargo /, 'no command-line hints in the app');
    assert.equal(text.match(/No fixed version for line 22\.x/g).length, 1, 'each item once for all exports');
    const exportCve = await session.find(`//li[@data-export='cve']//button[normalize-space()='Export…']`);
    assert.equal(await exportCve.attribute('disabled'), 'true');
    await screenshot(session, 'exports-not-ready');
    await (await session.find(`//ul[@data-testid='export-needs']//button[@data-missing='fixed-version']`)).click();
    await session.find(`//button[@role='tab'][@aria-selected='true'][starts-with(normalize-space(), 'Overview')]`);
    const focused = await session.execute('return document.activeElement.getAttribute("aria-label")');
    assert.equal(focused, '22.x fixed version', 'the fixed-version field of line 22.x has the focus');
  });

  it('imports a re-report, shows its likely duplicate, marks it and drafts the reply', async () => {
    const { session, dirs } = app;
    // Another reporter's words for the demo's "Request smuggling via duplicated Content-Length".
    const report = join(dirs.home, 're-report.eml');
    writeFileSync(
      report,
      [
        'From: Noor Haddad <noor@haddad.example>',
        'To: security@example.org',
        'Subject: Request smuggling: two different Content-Length headers accepted',
        'Date: Mon, 23 Nov 2026 10:00:00 +0000',
        'Message-ID: <re-report-1@haddad.example>',
        '',
        'Harbor accepts a request with two Content-Length headers of different values;',
        'behind a proxy the two disagree where the body ends, so requests can be smuggled.',
        '',
      ].join('\r\n'),
    );
    await (await session.find(button('Import…'))).click();
    await (await session.find(byLabel('File path to import'))).type(report);
    await (await session.find(button('Import'))).click();
    await session.find(`//ul[@aria-label='Imported']//*[contains(., 'New case')]`);
    await openCase('Request smuggling: two different Content-Length headers accepted');
    // The first ranking after unlock indexes every case (a debug build beside the other
    // suites): give it the unlock's allowance.
    const match = await session.find(
      `//*[@data-testid='similar-row'][contains(., ${literal(NOT_READY)})][.//*[@data-testid='likely-duplicate']]`,
      { timeout: 30_000 },
    );
    assert.match(await match.text(), /Content-Length/, 'the shared header name explains the match');
    await screenshot(session, 'triage');
    await (await session.find(`//*[@data-testid='similar-row'][contains(., ${literal(NOT_READY)})]//button[@data-testid='mark-duplicate']`)).click();
    await session.find(`//*[@data-testid='case-status'][normalize-space()='Duplicate']`);
    const body = await session.find(`//textarea[@id='draft-body']`);
    const text = (await body.attribute('value')) ?? (await body.text());
    assert.match(text, /already reported to us independently/);
    assert.match(text, /keep the details confidential/, 'the original is still under embargo');
    assert.doesNotMatch(text, /22\.x|CWE-444|Request smuggling via duplicated/, 'nothing of the original leaks');
  });

  it('previews and saves the advisory of a finished case', async () => {
    const { session, dirs } = app;
    await openCase(FINISHED);
    await (await session.find(tab('Advisory'))).click();
    const preview = await session.find(`//pre[@data-testid='export-preview'][contains(., 'CVE-2026-41007')]`);
    const markdown = await preview.text();
    assert.match(markdown, new RegExp(FINISHED));
    await session.find(`//li[@data-export='csaf']//*[normalize-space()='Ready']`);
    await screenshot(session, 'advisory');
    const file = join(dirs.home, 'advisory.md');
    await (await session.find(`//summary[normalize-space()='Type a path instead']`)).click();
    await (await session.find(byLabel('Path to save the Advisory to'))).type(file);
    await (await session.find(button('Save'))).click();
    await session.find(`//*[@role='status'][contains(., 'Saved the Advisory')]`);
    const saved = readFileSync(file, 'utf8');
    assert.match(saved, /CVE-2026-41007/);
    assert.match(saved, new RegExp(`^# .*${FINISHED}`, 'm'));
  });
});
