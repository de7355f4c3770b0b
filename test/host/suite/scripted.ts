// Shared by the command suites: a scripted input facade (answers by step id,
// records what was asked, validation messages and shown messages), a
// snapshot of the workspace as the user sees it (open documents' text, else
// the file on disk), and a reset that puts the workspace back between tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BackendSkillApi } from '../../../src/vscode/extension';
import type { InputBoxRequest, InputFacade, QuickPickRequest } from '../../../src/vscode/input';

export const EXTENSION_ID = 'backend-skill.backend-skill';

/** Accept the preselected item of a quick pick (Enter on the default). */
export const DEFAULT = Symbol('default');
/** Press Escape. */
export const ESCAPE = undefined;

/** A string for an input box (validated like the real box: refused when invalid unless `force`). */
export type Answer = string | boolean | typeof DEFAULT | undefined | { readonly force: string };

export class ScriptedInput implements InputFacade {
  readonly asked: string[] = [];
  readonly validations: { id: string; value: string; message: string }[] = [];
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  /** The preselected value of each quick pick, by id. */
  readonly defaults = new Map<string, unknown>();

  constructor(
    private readonly answers: Record<string, Answer>,
    private readonly clipboard = '',
  ) {}

  async inputBox(request: InputBoxRequest): Promise<string | undefined> {
    this.asked.push(request.id);
    const answer = this.answers[request.id];
    if (answer === undefined) return undefined;
    if (answer === DEFAULT) return request.value ?? '';
    if (typeof answer === 'object') return answer.force;
    const value = String(answer);
    const message = request.validate?.(value);
    if (message) {
      // A real input box does not accept while it shows a message: the user can only press Escape.
      this.validations.push({ id: request.id, value, message });
      return undefined;
    }
    return value;
  }

  async quickPick<T>(request: QuickPickRequest<T>): Promise<T | undefined> {
    this.asked.push(request.id);
    this.defaults.set(request.id, request.active);
    const answer = this.answers[request.id];
    if (answer === undefined) return undefined;
    const wanted = answer === DEFAULT ? request.active : answer;
    const item = request.items.find((i) => i.value === wanted || i.label === wanted);
    assert.ok(item, `${request.id}: no item ${String(wanted)} among ${request.items.map((i) => i.label).join(', ')}`);
    return item.value;
  }

  async readClipboard(): Promise<string> {
    return this.clipboard;
  }

  async showError(message: string): Promise<string | undefined> {
    this.errors.push(message);
    return undefined;
  }

  showInfo(message: string): void {
    this.infos.push(message);
  }
}

export async function api(): Promise<BackendSkillApi> {
  const ext = vscode.extensions.getExtension<BackendSkillApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f;
}

export const uri = (path: string): vscode.Uri => vscode.Uri.joinPath(folder().uri, ...path.split('/'));

/** Every file of the workspace as the user sees it: the open document's text, else the disk. */
export async function snapshot(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const open = new Map(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => [d.uri.toString(), d]));
  const walk = async (dir: vscode.Uri, prefix: string): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (name === '__pycache__' || name === '.git' || name === '.vscode') continue;
      const child = vscode.Uri.joinPath(dir, name);
      if (type === vscode.FileType.Directory) await walk(child, `${prefix}${name}/`);
      else {
        const doc = open.get(child.toString());
        out.set(`${prefix}${name}`, doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(child)));
      }
    }
  };
  await walk(folder().uri, '');
  return out;
}

/** Read one file as the user sees it (undefined when it does not exist). */
export async function read(path: string): Promise<string | undefined> {
  const target = uri(path);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString() && !d.isClosed);
  if (doc) return doc.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  } catch {
    return undefined;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri(path));
    return true;
  } catch {
    return false;
  }
}

/** Assert two snapshots are equal, naming the files that differ. */
export function assertSameWorkspace(actual: Map<string, string>, expected: Map<string, string>, what: string): void {
  const added = [...actual.keys()].filter((k) => !expected.has(k));
  const removed = [...expected.keys()].filter((k) => !actual.has(k));
  const changed = [...expected.keys()].filter((k) => actual.has(k) && actual.get(k) !== expected.get(k));
  assert.deepEqual({ added, removed, changed }, { added: [], removed: [], changed: [] }, what);
}

/** Open a workspace file in an editor with the cursor at `offset` (or at the start of `at` text). */
export async function openAt(path: string, at?: string | number, deltaFromMatch = 0): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri(path));
  let offset = 0;
  if (typeof at === 'number') offset = at;
  else if (at !== undefined) {
    const index = doc.getText().indexOf(at);
    assert.ok(index >= 0, `${JSON.stringify(at)} not in ${path}`);
    offset = index + deltaFromMatch;
  }
  const position = doc.positionAt(offset);
  return vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(position, position) });
}

/**
 * Put the workspace back as `baseline`: revert and close every editor, delete
 * files that were not there, rewrite files whose disk content differs.
 */
export async function restore(baseline: Map<string, string>): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isClosed) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const now = await snapshot();
  for (const path of now.keys()) if (!baseline.has(path)) await vscode.workspace.fs.delete(uri(path), { useTrash: false });
  for (const [path, text] of baseline) if (now.get(path) !== text) await vscode.workspace.fs.writeFile(uri(path), new TextEncoder().encode(text));
  await removeEmptyDirs(folder().uri, baseline);
}

async function removeEmptyDirs(dir: vscode.Uri, baseline: Map<string, string>, prefix = ''): Promise<boolean> {
  let empty = true;
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    if (type !== vscode.FileType.Directory) {
      empty = false;
      continue;
    }
    const child = vscode.Uri.joinPath(dir, name);
    const keep = [...baseline.keys()].some((k) => k.startsWith(`${prefix}${name}/`)) || name === '.vscode' || name === '__pycache__';
    if ((await removeEmptyDirs(child, baseline, `${prefix}${name}/`)) && !keep) await vscode.workspace.fs.delete(child, { recursive: true, useTrash: false });
    else empty = false;
  }
  return empty;
}

/** Undo with the given file's editor focused: the way a user takes the command back. */
export async function undoIn(path: string): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri(path).toString() && !d.isClosed) ?? (await vscode.workspace.openTextDocument(uri(path)));
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('undo');
  // File operations of the undo finish asynchronously on the file service.
  await settle();
}

/** Let the workbench process pending file events. */
export const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Set a backendSkill setting for the workspace; returns a function that restores the previous value. */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('backendSkill', folder().uri);
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('backendSkill', folder().uri).update(key, before, vscode.ConfigurationTarget.Workspace);
  };
}

/** Text of the active editor at the cursor line, for "revealed at the inserted code" checks. */
export function activeLine(): { path: string | undefined; line: string } {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is active');
  const base = folder().uri.path + '/';
  return {
    path: editor.document.uri.path.startsWith(base) ? editor.document.uri.path.slice(base.length) : undefined,
    line: editor.document.lineAt(editor.selection.active.line).text,
  };
}
