// Which FastAPI project a command acts on: the workspace folder (the active
// editor's, the only one, or one the user picks), then inside it the folder
// named by `backendSkill.projectFolder`, else the folder holding app/main.py
// (asking when the workspace has several apps, preferring the one the active
// editor is in). Cheap: one findFiles per command run, nothing at activation.
import * as vscode from 'vscode';
import { PlanError } from '../core/index';
import type { InputFacade } from './input';
import { readSettings, type Settings } from './settings';

export interface ProjectTarget {
  readonly folder: vscode.WorkspaceFolder;
  /** The project root: the folder itself or a folder inside it. */
  readonly root: vscode.Uri;
  readonly settings: Settings;
}

/** Relative path of `uri` under `root` (forward slashes), or undefined when outside. */
export function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const base = root.path.replace(/\/+$/, '') + '/';
  return uri.scheme === root.scheme && uri.authority === root.authority && uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The workspace folder to act in: the active editor's, the only one, or one the user picks. */
export async function pickWorkspaceFolder(input: InputFacade, title: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (owner) return owner;
  if (folders.length <= 1) return folders[0];
  return input.quickPick({
    id: 'workspaceFolder',
    title,
    placeHolder: 'Workspace folder of the FastAPI project',
    items: folders.map((f) => ({ label: f.name, description: f.uri.fsPath, value: f })),
  });
}

/**
 * Resolve the project for a command. `forInit`: a folder without an app yet is
 * fine (init creates it there). Undefined when the user cancelled a pick.
 */
export async function resolveProject(input: InputFacade, log: vscode.LogOutputChannel, title: string, forInit = false): Promise<ProjectTarget | undefined> {
  const folder = await pickWorkspaceFolder(input, title);
  if (!folder) {
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) throw new PlanError('open a folder first; Backend commands work inside a workspace folder');
    return undefined;
  }
  const settings = readSettings(folder.uri, log);
  if (settings.projectFolder) {
    const root = vscode.Uri.joinPath(folder.uri, ...settings.projectFolder.split('/').filter(Boolean));
    if (!forInit) await checkFastApi(root, settings, `backendSkill.projectFolder "${settings.projectFolder}"`);
    return { folder, root, settings };
  }
  if (await exists(vscode.Uri.joinPath(folder.uri, 'app', 'main.py'))) {
    if (!forInit) await checkFastApi(folder.uri, settings, folder.name);
    return { folder, root: folder.uri, settings };
  }
  const mains = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/app/main.py'), '**/{node_modules,.venv,venv,.git,site-packages}/**', 50);
  const roots = mains.map((m) => vscode.Uri.joinPath(m, '..', '..')).sort((a, b) => a.path.localeCompare(b.path));
  if (roots.length === 0) {
    if (forInit) return { folder, root: folder.uri, settings };
    throw new PlanError(`no FastAPI project (app/main.py) in ${folder.name}; run "Backend: Initialize FastAPI Project…" first, or set backendSkill.projectFolder`);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const containing = active ? roots.find((r) => relativeTo(r, active) !== undefined) : undefined;
  let root = containing ?? (roots.length === 1 ? roots[0] : undefined);
  if (!root) {
    root = await input.quickPick({
      id: 'projectFolder',
      title,
      placeHolder: 'This workspace has several FastAPI apps: which one?',
      items: roots.map((r) => ({ label: relativeTo(folder.uri, r) ?? r.path, description: 'app/main.py', value: r })),
    });
    if (!root) return undefined;
  }
  if (!forInit) await checkFastApi(root, settings, relativeTo(folder.uri, root) ?? folder.name);
  return { folder, root, settings };
}

/** With targetFramework "auto", refuse a project that shows no sign of FastAPI. */
async function checkFastApi(root: vscode.Uri, settings: Settings, where: string): Promise<void> {
  if (settings.targetFramework === 'fastapi') return;
  for (const file of ['requirements.txt', 'pyproject.toml', 'app/main.py']) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...file.split('/'))));
      if (/fastapi/i.test(text)) return;
    } catch {
      // missing: look at the next one
    }
  }
  throw new PlanError(`${where} does not look like a FastAPI project (no fastapi in requirements.txt, pyproject.toml or app/main.py); set backendSkill.targetFramework to "fastapi" to skip this check`);
}
