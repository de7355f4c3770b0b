// Express in a real extension host, beside the sample FastAPI workspace: the
// commands refuse clearly where there is no Express project; Initialize
// Express Project creates one in a subfolder (backendSkill.projectFolder);
// then, with an editor open in it, New Resource, Add Route and Add DTO act on
// it (the framework detected from the project), each as one undo step. The
// TypeScript tooling (dist/ts-morph.js) is not loaded by activation, only by
// the first Express command that edits a module.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT, ScriptedInput, activeLine, api, assertSameWorkspace, exists, openAt, read, restore, setSetting, snapshot, undoIn, type Answer } from './scripted';

const ROOT = 'shop-api';

/** Is the separate ts-morph bundle in this extension host's module cache? */
const tsMorphBundleLoaded = (): boolean => Object.keys(require.cache).some((k) => /[\\/]dist[\\/]ts-morph\.js$/.test(k));

suite('Express projects', () => {
  let baseline: Map<string, string>;
  let input: ScriptedInput;
  const undoSettings: (() => Promise<void>)[] = [];

  suiteSetup(async () => {
    await api();
    baseline = await snapshot();
  });

  teardown(async () => {
    (await api()).setInputForTests(undefined);
  });

  suiteTeardown(async () => {
    for (const undo of undoSettings.reverse()) await undo();
    await restore(baseline);
  });

  async function run(command: string, answers: Record<string, Answer>, clipboard = ''): Promise<ScriptedInput> {
    input = new ScriptedInput(answers, clipboard);
    (await api()).setInputForTests(input);
    await vscode.commands.executeCommand(command);
    return input;
  }

  test('activation does not load the TypeScript tooling', () => {
    assert.equal(tsMorphBundleLoaded(), false, 'dist/ts-morph.js is loaded before any Express command ran');
  });

  test('with targetFramework express and no Express project, the commands refuse with a clear message and change nothing', async () => {
    undoSettings.push(await setSetting('targetFramework', 'express'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const command of ['backendSkill.newResource', 'backendSkill.addRoute', 'backendSkill.addDto']) {
      await run(command, { 'resource.name': 'Book', 'dto.name': 'Address' });
      assert.equal(input.errors.length, 1, command);
      assert.match(input.errors[0]!, /^Backend: no Express project \(package\.json with express and src\/app\.ts\) in \S+; run "Backend: Initialize Express Project…" first/, command);
      assert.deepEqual(input.asked, [], `${command} asked nothing`);
    }
    // The FastAPI folder named explicitly: the Express planner says what is missing.
    undoSettings.push(await setSetting('projectFolder', 'app'));
    await run('backendSkill.newResource', { 'resource.name': 'Book', 'resource.fields': 'title:str', 'resource.auth': DEFAULT });
    assert.match(input.errors[0] ?? '', /not a complete backend-skill Express project \(missing package\.json, src\/app\.ts/);
    assertSameWorkspace(await snapshot(), baseline, 'nothing changed');
    assert.equal(tsMorphBundleLoaded(), false, 'refusals do not load the TypeScript tooling');
  });

  test('Initialize Express Project creates the project in backendSkill.projectFolder (one undo removes it), and refuses a FastAPI folder', async () => {
    await setSetting('projectFolder', '');
    await run('backendSkill.initExpress', { 'init.name': 'Shop' });
    assert.match(input.errors[0] ?? '', /is already a FastAPI project; set backendSkill\.projectFolder to another folder for the Express project/);
    // Undo first in a scratch folder (re-creating files an undo is still deleting would race), then keep one.
    await setSetting('projectFolder', 'scratch-api');
    await run('backendSkill.initExpress', { 'init.name': DEFAULT });
    assert.deepEqual(input.errors, []);
    const pkg = JSON.parse((await read('scratch-api/package.json')) ?? '{}') as { dependencies?: Record<string, string> };
    assert.ok(pkg.dependencies?.['express'], 'package.json depends on express');
    assert.ok(await exists('scratch-api/src/app.ts'));
    assert.equal(activeLine().path, 'scratch-api/src/app.ts');
    await undoIn('scratch-api/src/app.ts');
    assert.deepEqual([...(await snapshot()).keys()].filter((p) => p.startsWith('scratch-api/')), [], 'one undo removes every created file');
    await setSetting('projectFolder', ROOT);
    await run('backendSkill.initExpress', { 'init.name': 'Shop' });
    assert.deepEqual(input.errors, []);
    assert.equal((await api()).lastApplied()?.applied, true);
    assert.ok(await exists(`${ROOT}/src/app.ts`));
    // From here on the project is found from the active editor: no projectFolder, framework auto.
    await setSetting('projectFolder', '');
    await setSetting('targetFramework', 'auto');
  });

  test('New Resource in the Express project (found from the active editor): zod schemas, repository, router, app.ts wired; one undo', async () => {
    await openAt(`${ROOT}/src/app.ts`);
    assert.equal(tsMorphBundleLoaded(), false, 'still not loaded before the first Express edit');
    await run('backendSkill.newResource', { 'resource.name': 'Book', 'resource.fields': 'title:str:max=200 pages:int?', 'resource.auth': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.deepEqual(input.validations, []);
    assert.equal((await api()).lastApplied()?.applied, true);
    for (const path of ['src/schemas/book.ts', 'src/repositories/book.ts', 'src/routes/books.ts']) assert.ok(await exists(`${ROOT}/${path}`), path);
    assert.match((await read(`${ROOT}/src/app.ts`))!, /app\.use\('\/books', booksRouter\(deps\)\);/);
    assert.ok(tsMorphBundleLoaded(), 'the first Express edit loads dist/ts-morph.js');
    assert.ok(await exists('app/routers/authors.py'), 'the FastAPI project beside it is untouched');
    await vscode.workspace.saveAll(false);
    // A second resource, taken back with one undo.
    const before = await snapshot();
    await openAt(`${ROOT}/src/app.ts`);
    await run('backendSkill.newResource', { 'resource.name': 'Author', 'resource.fields': 'name:str:unique', 'resource.auth': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.ok(await exists(`${ROOT}/src/routes/authors.ts`));
    assert.match((await read(`${ROOT}/src/app.ts`))!, /app\.use\('\/authors', authorsRouter\(deps\)\);/);
    await undoIn(`${ROOT}/src/routes/authors.ts`);
    assertSameWorkspace(await snapshot(), before, 'one undo takes the whole resource back');
  });

  test('Add Route in the open Express router: behind the router\'s auth, :id parsed, revealed; duplicate refused while typing; one undo', async () => {
    const router = `${ROOT}/src/routes/books.ts`;
    const before = (await read(router))!;
    await openAt(router, '  return router;');
    await run('backendSkill.addRoute', { 'route.method': 'GET', 'route.path': '/:id', 'route.auth': true });
    assert.equal(input.validations.length, 1, 'GET /:id exists: the path box refuses it');
    assert.match(input.validations[0]!.message, /GET \/:id already exists \(line \d+\)/);
    assert.equal(await read(router), before);
    await run('backendSkill.addRoute', { 'route.method': 'POST', 'route.path': '/{id}/reviews', 'route.body': DEFAULT, 'route.auth': DEFAULT });
    assert.deepEqual(input.errors, []);
    assert.equal(input.defaults.get('route.auth'), true, 'a write defaults to a bearer token (defaultAuth writes)');
    assert.equal(input.defaults.get('route.body'), 'BookCreate', "the resource's Create schema is preselected");
    const text = (await read(router))!;
    assert.match(text, /\n {2}router\.post\('\/:id\/reviews', auth, async \(req, res\) => \{\n {4}const \{ id \} = IdParams\.parse\(req\.params\);\n {4}const body = BookCreate\.parse\(req\.body\);\n/);
    assert.equal(activeLine().line, "  router.post('/:id/reviews', auth, async (req, res) => {");
    assert.ok(text.startsWith(before.slice(0, before.indexOf('export function'))), 'imports unchanged: everything needed was imported');
    await undoIn(router);
    assert.equal(await read(router), before, 'one undo restores the router');
  });

  test('Add DTO in the Express project: a zod family in a new module (created through the edit, removed by undo); JSON keys kept as written', async () => {
    await vscode.workspace.saveAll(false);
    const before = await snapshot();
    await openAt(`${ROOT}/src/schemas/book.ts`);
    await run('backendSkill.addDto', { 'dto.name': 'Address', 'dto.source': 'spec', 'dto.fields': 'street:str:max=120 zip:str?', 'dto.module': 'address.ts' });
    assert.deepEqual(input.errors, []);
    const created = (await read(`${ROOT}/src/schemas/address.ts`))!;
    assert.match(created, /^export const AddressCreate = z\.strictObject\(\{\n {2}street: z\.string\(\)\.max\(120\),\n {2}zip: z\.string\(\)\.max\(255\)\.nullable\(\)\.default\(null\),\n\}\);$/m);
    assert.match(created, /^export type AddressUpdate = z\.infer<typeof AddressUpdate>;$/m);
    await undoIn(`${ROOT}/src/schemas/address.ts`);
    assert.equal(await exists(`${ROOT}/src/schemas/address.ts`), false, 'undo deletes the created module');
    // From the clipboard into the open module: appended, zod imported once.
    await openAt(`${ROOT}/src/schemas/book.ts`);
    await run('backendSkill.addDto', { 'dto.name': 'BookReview', 'dto.source': 'clipboard', 'dto.module': DEFAULT }, '{"stars": 4, "reviewedAt": "2024-05-01T10:00:00Z"}');
    assert.deepEqual(input.errors, []);
    assert.equal(input.defaults.get('dto.module'), 'src/schemas/book.ts', 'the open schemas module is preselected');
    const text = (await read(`${ROOT}/src/schemas/book.ts`))!;
    assert.match(text, /export const BookReviewCreate = z\.strictObject\(\{\n {2}stars: z\.int\(\),\n {2}reviewedAt: z\.iso\.datetime\(\{ offset: true \}\),\n\}\);/);
    assert.equal(text.match(/from 'zod'/g)?.length, 1);
    await undoIn(`${ROOT}/src/schemas/book.ts`);
    assertSameWorkspace(await snapshot(), before, 'one undo restores the module');
  });

  test('Add Repository explains that Express repositories come with New Resource', async () => {
    await openAt(`${ROOT}/src/app.ts`);
    await run('backendSkill.addRepository', {});
    assert.match(input.errors[0] ?? '', /Add Repository works on SQLAlchemy models \(FastAPI\); in an Express project, New Resource creates the pg repository/);
  });
});
