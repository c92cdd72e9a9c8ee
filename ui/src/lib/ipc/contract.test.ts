// The contract between the test backend (mock/) and the core: for every answer the
// core recorded (fixtures/, written by `cargo run -p embargo-desk --example
// export-fixtures`), the mock answers the same call the same way. When the core
// changes and the fixtures are regenerated, this fails until the mock follows.
// Scenes are served as recorded; the rest (the graph, fields, catalogue, pages,
// boards, replays) is checked call by call.
import { describe, expect, it } from 'vitest';
import type { IpcError, Result } from './bindings';
import {
  agenda,
  caseFields,
  catalogue,
  dataOf,
  deadlines,
  desk,
  drafts,
  exportsFixture,
  statusGraph,
  team,
  triage,
  type RecordedCall,
  type RecordedScene,
} from './fixtures';
import { MockBackend, caseView } from './mock';

type Command = (...args: never[]) => Promise<unknown>;

async function ask(mock: MockBackend, call: RecordedCall): Promise<Result<unknown, IpcError>> {
  if (call.command === 'event:teamSynced') {
    // A background sync pass: what the window hears of it.
    const heard: unknown[] = [];
    await mock.onTeamSynced((event) => heard.push(event));
    mock.playTeamSynced();
    return { status: 'ok', data: heard[0] };
  }
  const command = (mock.commands as unknown as Record<string, Command>)[call.command];
  return (await command(...(call.args as never[]))) as Result<unknown, IpcError>;
}

describe('the mock answers as the core recorded', () => {
  it('walks the core’s status graph and refuses the moves it refuses, in its words', async () => {
    for (const { status, next } of statusGraph.statuses) {
      expect(caseView('EMB-2026-0001', 'A case', { status }).next_statuses).toEqual(next);
    }
    expect(statusGraph.refused_moves.length).toBeGreaterThan(100);
    for (const { from, to, answer } of statusGraph.refused_moves) {
      const mock = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'A case', { status: from })] });
      expect(await mock.commands.moveCase('EMB-2026-0001', to), `${from} -> ${to}`).toEqual(answer);
    }
    for (const { status, answer } of statusGraph.refused_reopens) {
      const mock = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'A case', { status })] });
      expect(await mock.commands.reopenCase('EMB-2026-0001'), status).toEqual(answer);
    }
  });

  it('reopens an ended case where the core does', async () => {
    for (const reopen of statusGraph.reopens.filter((r) => r.came_from !== 'published')) {
      const mock = new MockBackend({ unlocked: true, cases: [caseView('EMB-2026-0001', 'A case', { status: reopen.status })] });
      const answer = (await mock.commands.reopenCase('EMB-2026-0001')) as Result<{ status: string }, IpcError>;
      expect(answer.status, reopen.case).toBe(reopen.answer.status);
      if (answer.status === 'ok' && reopen.answer.status === 'ok') expect(answer.data.status).toBe(reopen.answer.data);
    }
  });

  it('refuses the case fields and values the core refuses, in its words', async () => {
    for (const refused of caseFields.refused) {
      const mock = new MockBackend({ unlocked: true, cases: [caseView(refused.args[0] as string, 'A case')] });
      expect(await ask(mock, refused)).toEqual(refused.answer);
    }
  });

  it('has the core’s template catalogue and export setting keys', async () => {
    const mock = new MockBackend({ unlocked: true });
    expect(await mock.commands.listTemplates()).toEqual(catalogue.templates);
    expect(await mock.commands.exportSettingKeys()).toEqual(catalogue.export_setting_keys);
  });

  it('shows the core’s policy screens and answers its edits alike', async () => {
    const mock = new MockBackend({ unlocked: true });
    expect(await mock.commands.policyScreen(null)).toEqual(catalogue.policy_screens.seed);
    expect(await mock.commands.policyScreen('custom')).toEqual(catalogue.policy_screens.custom);
    expect(dataOf(catalogue.policy_screens.seed).rules.map((r) => r.id)).toHaveLength(6);
    for (const edit of [...catalogue.policy_edits, ...catalogue.policy_uses]) {
      expect(await ask(mock, edit)).toEqual(edit.answer);
    }
  });

  it('serves the core’s list pages and deadline boards, and replays its board actions', async () => {
    for (const [now, snapshot] of Object.entries(deadlines.clocks)) {
      const mock = new MockBackend({ unlocked: true, now, recorded: snapshot });
      for (const { view, sort, page } of snapshot.pages) {
        const filter = { status: null, handler: null, words: null, limit: null, view, sort };
        expect(await mock.commands.listCases(filter)).toEqual({ status: 'ok', data: page });
      }
      for (const [id, board] of Object.entries(snapshot.boards)) {
        expect(await mock.commands.deadlineBoard(id)).toEqual({ status: 'ok', data: board });
      }
    }
    for (const chain of Object.values(deadlines.chains)) {
      const mock = new MockBackend({ unlocked: true, recorded: deadlines.clocks['2026-11-20T21:00:00Z'] });
      mock.replay(chain);
      for (const step of chain) expect(await ask(mock, step)).toEqual(step.answer);
    }
    const mock = new MockBackend({ unlocked: true, recorded: agenda.snapshot, lists: agenda.searches });
    expect(await mock.commands.listHandlers()).toEqual({ status: 'ok', data: agenda.handlers });
    for (const search of agenda.searches) expect(await ask(mock, search)).toEqual(search.answer);
    // A search the core was not recorded answering is refused, not computed.
    const unrecorded = await mock.commands.listCases({ status: null, handler: null, words: 'heap', limit: 100, view: 'all', sort: null });
    expect(unrecorded.status === 'error' && unrecorded.error.code).toBe('internal');
  });

  it('plays every recorded scene as the core answered it, with the cases as the core holds them after each change', async () => {
    const scenes: [string, RecordedScene][] = [
      ...Object.entries(drafts),
      ...Object.entries(triage),
      ['exports configured', exportsFixture.configured],
      ['exports unconfigured', exportsFixture.unconfigured],
      ...Object.entries(team.scenes),
      ...Object.entries(desk),
    ];
    for (const [name, scene] of scenes) {
      const mock = new MockBackend({ unlocked: true, scene });
      for (const view of scene.cases) expect(await mock.commands.showCase(view.id), name).toEqual({ status: 'ok', data: view });
      for (const call of scene.calls) {
        expect(await ask(mock, call), `${name}: ${call.command}`).toEqual(call.answer);
        for (const view of call.after?.cases ?? []) {
          expect(await mock.commands.showCase(view.id), `${name}: after ${call.command}`).toEqual({ status: 'ok', data: view });
        }
      }
    }
  });

  it('answers no call a scene lacks, and none from a state the test has not reached', async () => {
    const scene = drafts['acknowledgment-edited'];
    const mock = new MockBackend({ unlocked: true, scene });
    const create = scene.calls.find((c) => c.command === 'newDraft')!;
    const save = scene.calls.find((c) => c.command === 'editDraft')!;
    // The preview recorded after the save is not served before it.
    const afterSave = scene.calls.slice(scene.calls.indexOf(save)).find((c) => c.command === 'previewDraft')!;
    const early = (await ask(mock, afterSave)) as Result<unknown, IpcError>;
    expect(early.status === 'error' && early.error.code).toBe('internal');
    expect(await ask(mock, create)).toEqual(create.answer);
    const typo = await mock.commands.previewDraft(`${scene.cases[0].id}/D1`, 'never recorded', '');
    expect(typo.status === 'error' && typo.error).toMatchObject({ code: 'internal', message: expect.stringContaining('previewDraft(') });
    // Once the change is made, what was recorded before it is no longer served.
    expect(await ask(mock, save)).toEqual(save.answer);
    const stale = (await ask(mock, create)) as Result<unknown, IpcError>;
    expect(stale.status === 'error' && stale.error.code).toBe('internal');
  });

  it('suggests the core’s export file names', async () => {
    const mock = new MockBackend({ unlocked: true });
    const id = exportsFixture.configured.cases[0].id;
    for (const [kind, name] of Object.entries(exportsFixture.configured.file_names)) {
      expect(await mock.commands.exportFileName(id, kind as never)).toBe(name);
    }
  });
});
