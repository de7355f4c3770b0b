// UI test: uses the real VS Code workbench (offline 1.100 host, headless
// Chromium) the way a person would — command palette, "Backend: New
// Resource…", answer its three prompts — then checks that the router file is
// written to disk and shown in an editor. Screenshots go to test-results/.
//
//   node scripts/ui-test.mjs
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadline, launchChromium, makeSandbox, REPO, startServer, workbenchUrl } from './host-session.mjs';
import { hostInfo } from './vscode-host.mjs';

const HOST = '1.100';
const RESOURCE = { name: 'book', fields: 'title:str,pages:int', auth: 'writes', router: 'app/routers/books.py' };
const TIMEOUT_MS = Number(process.env.BACKEND_SKILL_UI_TIMEOUT ?? 240) * 1000;
const SHOTS = join(REPO, 'test-results');
const say = (msg) => console.log(`[ui] ${msg}`);

/** Wait until the quick input shows a title containing text (the command's step). */
async function waitForStep(page, text) {
  try {
    await page.locator('.quick-input-widget .quick-input-title', { hasText: text }).waitFor({ state: 'visible', timeout: 60_000 });
  } catch (error) {
    // Say what is on screen instead: a validation message, or a notification (e.g. a failed command).
    const shown = await page
      .locator('.quick-input-widget .quick-input-message, .notification-toast .notification-list-item-message')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`prompt "${text}" did not appear${shown.length ? `; on screen: ${shown.join(' | ')}` : ''}`, { cause: error });
  }
  say(`prompt "${text}"`);
}

/**
 * Type into the focused quick input and accept it. validateInput runs after
 * typing stops, and Enter is ignored while a message from an earlier keystroke
 * is still shown; so press Enter until the step's title goes away (on a slow
 * machine the first press can land too early).
 */
async function answer(page, step, value) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(value, { delay: 20 });
  const title = page.locator('.quick-input-widget .quick-input-title', { hasText: step });
  for (let attempt = 1; ; attempt++) {
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    try {
      await title.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 6) {
        const shown = await page.locator('.quick-input-widget .quick-input-message').allInnerTexts().catch(() => []);
        throw new Error(`"${value}" was not accepted at "${step}"${shown.length ? `: ${shown.join(' | ')}` : ''}`, { cause: error });
      }
    }
  }
}

async function scenario(page, workspace) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  // The explorer listing the workspace means the remote connection is up.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'app' }).first().waitFor({ timeout: 60_000 });
  say('workbench ready');

  await page.keyboard.press('F1');
  const palette = page.locator('.quick-input-widget .quick-input-box input');
  await palette.waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('>Backend: New Resource', { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Backend: New Resource' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');

  await waitForStep(page, 'New Resource (1/3)');
  await answer(page, 'New Resource (1/3)', RESOURCE.name);
  await waitForStep(page, 'New Resource (2/3)');
  await answer(page, 'New Resource (2/3)', RESOURCE.fields);
  await waitForStep(page, 'New Resource (3/3)');
  // The auth quick pick: filter to the wanted mode so Enter picks exactly it.
  await answer(page, 'New Resource (3/3)', RESOURCE.auth);

  const router = join(workspace, ...RESOURCE.router.split('/'));
  const until = Date.now() + 30_000;
  while (!existsSync(router) && Date.now() < until) await page.waitForTimeout(250);
  if (!existsSync(router)) throw new Error(`${RESOURCE.router} was not created in the workspace`);
  const source = readFileSync(router, 'utf8');
  if (!/APIRouter\(/.test(source) || !/BookCreate/.test(source)) throw new Error(`${RESOURCE.router} does not look like a Book router`);
  say(`${RESOURCE.router} written (${source.length} bytes)`);

  // The command opens the router: its tab is active and the generated code is on screen.
  await page.locator('.tabs-container .tab.active', { hasText: 'books.py' }).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .view-lines', { hasText: 'APIRouter' }).first().waitFor({ timeout: 30_000 });
  say('books.py open in an editor with the generated router visible');
}

/** Run the UI scenario once; never throws, returns the counts (1 test). */
export async function runUi() {
  const started = Date.now();
  const result = { id: 'ui', passed: 0, failed: 0, ok: false, seconds: 0, error: undefined };
  let sandbox;
  let server;
  let browser;
  let page;
  const limit = deadline(TIMEOUT_MS, 'UI test');
  mkdirSync(SHOTS, { recursive: true });
  try {
    if (!existsSync(join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing; run `npm run build`');
    const info = hostInfo(HOST);
    sandbox = makeSandbox('ui');
    const body = async () => {
      server = startServer(info, { dataRoot: sandbox.root });
      const port = await server.ready;
      say(`VS Code ${info.vscode} server on 127.0.0.1:${port}`);
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(workbenchUrl(port, sandbox.workspace), { waitUntil: 'domcontentloaded' });
      await scenario(page, sandbox.workspace);
      await page.screenshot({ path: join(SHOTS, 'ui-new-resource.png') });
      say('screenshot test-results/ui-new-resource.png');
    };
    await Promise.race([body(), limit.promise]);
    result.passed = 1;
    result.ok = true;
  } catch (error) {
    result.failed = 1;
    result.error = error instanceof Error ? error.message : String(error);
    say(`FAILED: ${result.error}`);
    await page?.screenshot({ path: join(SHOTS, 'ui-failure.png') }).then(
      () => say('screenshot test-results/ui-failure.png'),
      () => {},
    );
  } finally {
    limit.clear();
    await browser?.close().catch(() => {});
    await server?.stop();
    sandbox?.remove();
    result.seconds = (Date.now() - started) / 1000;
  }
  say(`${result.passed} passed, ${result.failed} failed (${result.seconds.toFixed(1)} s)`);
  return result;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const r = await runUi();
  process.exitCode = r.ok ? 0 : 1;
}
