// Which project a command acts on, and its framework: the workspace folder
// (the active editor's, the only one, or one the user picks), then inside it
// the folder named by `backendSkill.projectFolder`, else the project holding
// the active editor, else the workspace folder itself when it is one, else
// the only project found (FastAPI: app/main.py; Express: package.json with
// express and src/app.ts), asking when there are several.
// `backendSkill.targetFramework` narrows the search to one framework. Cheap:
// a few directory listings, the two findFiles only when those find nothing;
// nothing at activation.
import * as vscode from 'vscode';
import { PlanError, detectFramework, type Framework } from '../core/index';
import type { InputFacade } from './input';
import { readSettings, type Settings } from './settings';
import { workspaceFileView } from './workspaceFiles';

export interface ProjectTarget {
  readonly folder: vscode.WorkspaceFolder;
  /** The project root: the folder itself or a folder inside it. */
  readonly root: vscode.Uri;
  readonly settings: Settings;
  /** The framework of the project (for init: the one being created). */
  readonly framework: Framework;
}

const LABEL: Record<Framework, string> = { fastapi: 'FastAPI', express: 'Express' };
const MARKER: Record<Framework, string> = { fastapi: 'app/main.py', express: 'package.json with express and src/app.ts' };
const EXCLUDE = '**/{node_modules,.venv,venv,.git,site-packages,dist,out}/**';

/** Relative path of `uri` under `root` (forward slashes), or undefined when outside. */
export function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const base = root.path.replace(/\/+$/, '') + '/';
  return uri.scheme === root.scheme && uri.authority === root.authority && uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
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
    placeHolder: 'Workspace folder of the project',
    items: folders.map((f) => ({ label: f.name, description: f.uri.fsPath, value: f })),
  });
}

/** The frameworks a command may act on under the setting (auto: both). */
function allowed(settings: Settings, only: Framework | undefined): Framework[] {
  const fromSetting: Framework[] = settings.targetFramework === 'auto' ? ['fastapi', 'express'] : [settings.targetFramework];
  return only ? fromSetting.filter((f) => f === only) : fromSetting;
}

/** Projects in the workspace folder: roots of app/main.py (FastAPI) and of src/app.ts with express in package.json. */
async function findProjects(folder: vscode.WorkspaceFolder, frameworks: readonly Framework[]): Promise<{ root: vscode.Uri; framework: Framework }[]> {
  const found: { root: vscode.Uri; framework: Framework }[] = [];
  if (frameworks.includes('fastapi')) {
    const mains = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/app/main.py'), EXCLUDE, 50);
    for (const m of mains) found.push({ root: vscode.Uri.joinPath(m, '..', '..'), framework: 'fastapi' });
  }
  if (frameworks.includes('express')) {
    const apps = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/src/app.ts'), EXCLUDE, 50);
    for (const a of apps) {
      const root = vscode.Uri.joinPath(a, '..', '..');
      if ((await detectFramework(workspaceFileView(root))) === 'express') found.push({ root, framework: 'express' });
    }
  }
  return found.sort((a, b) => a.root.path.localeCompare(b.root.path));
}

/** The nearest folder above `file` (inside the workspace folder) that is a project of an allowed framework. */
async function projectAbove(folder: vscode.WorkspaceFolder, file: vscode.Uri, frameworks: readonly Framework[]): Promise<{ root: vscode.Uri; framework: Framework } | undefined> {
  const path = relativeTo(folder.uri, file);
  if (path === undefined) return undefined;
  const parts = path.split('/').slice(0, -1);
  for (let depth = parts.length; depth >= 0; depth--) {
    const root = depth === 0 ? folder.uri : vscode.Uri.joinPath(folder.uri, ...parts.slice(0, depth));
    const framework = await projectAt(root);
    if (framework && frameworks.includes(framework)) return { root, framework };
  }
  return undefined;
}

/** The framework of a folder that holds a project's marker files (FastAPI: app/main.py itself, not only a requirements file). */
async function projectAt(root: vscode.Uri): Promise<Framework | undefined> {
  const view = workspaceFileView(root);
  const framework = await detectFramework(view);
  if (framework === 'fastapi' && !(await view.listDir('app')).includes('app/main.py')) return undefined;
  return framework;
}

/**
 * Resolve the project for a command. `forInit`: the framework being created
 * (a folder without a project yet is fine). `only`: the command works on this
 * framework alone. Undefined when the user cancelled a pick.
 */
export async function resolveProject(
  input: InputFacade, log: vscode.LogOutputChannel, title: string, forInit?: Framework, only?: Framework,
): Promise<ProjectTarget | undefined> {
  const folder = await pickWorkspaceFolder(input, title);
  if (!folder) {
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) throw new PlanError('open a folder first; Backend commands work inside a workspace folder');
    return undefined;
  }
  const settings = readSettings(folder.uri, log);
  if (forInit) {
    const root = settings.projectFolder ? vscode.Uri.joinPath(folder.uri, ...settings.projectFolder.split('/').filter(Boolean)) : folder.uri;
    const existing = await detectFramework(workspaceFileView(root));
    if (existing && existing !== forInit) {
      throw new PlanError(`${relativeTo(folder.uri, root) ?? folder.name} is already a ${LABEL[existing]} project; set backendSkill.projectFolder to another folder for the ${LABEL[forInit]} project`);
    }
    return { folder, root, settings, framework: forInit };
  }
  const frameworks = allowed(settings, only);
  if (frameworks.length === 0) {
    throw new PlanError(`this command works on ${LABEL[only!]} projects, and backendSkill.targetFramework is "${settings.targetFramework}"`);
  }
  const want = frameworks.map((f) => LABEL[f]).join(' or ');
  if (settings.projectFolder) {
    const root = vscode.Uri.joinPath(folder.uri, ...settings.projectFolder.split('/').filter(Boolean));
    return { folder, root, settings, framework: await checkFramework(root, settings, frameworks, `backendSkill.projectFolder "${settings.projectFolder}"`) };
  }
  // Cheap first: the nearest project above the active editor, else the folder itself (a few directory
  // listings); only then a search of the workspace folder.
  const active = vscode.window.activeTextEditor?.document.uri;
  const nearest = active ? await projectAbove(folder, active, frameworks) : undefined;
  const atFolder = nearest ? undefined : await projectAt(folder.uri);
  let chosen = nearest ?? (atFolder && frameworks.includes(atFolder) ? { root: folder.uri, framework: atFolder } : undefined);
  const projects = chosen ? [] : await findProjects(folder, frameworks);
  chosen ??= projects.length === 1 ? projects[0] : undefined;
  if (!chosen && projects.length === 0) {
    const how = frameworks.map((f) => `"Backend: Initialize ${LABEL[f]} Project…"`).join(' or ');
    throw new PlanError(`no ${want} project (${frameworks.map((f) => MARKER[f]).join('; or ')}) in ${folder.name}; run ${how} first, or set backendSkill.projectFolder`);
  }
  if (!chosen) {
    chosen = await input.quickPick({
      id: 'projectFolder',
      title,
      placeHolder: 'This workspace has several projects: which one?',
      items: projects.map((p) => ({ label: relativeTo(folder.uri, p.root) ?? p.root.path, description: LABEL[p.framework], value: p })),
    });
    if (!chosen) return undefined;
  }
  const where = relativeTo(folder.uri, chosen.root) ?? folder.name;
  return { folder, root: chosen.root, settings, framework: await checkFramework(chosen.root, settings, frameworks, where) };
}

/** The framework of a root, checked against the setting: "auto" refuses a project that shows no sign of one. */
async function checkFramework(root: vscode.Uri, settings: Settings, frameworks: readonly Framework[], where: string): Promise<Framework> {
  if (settings.targetFramework !== 'auto' && frameworks.includes(settings.targetFramework)) return settings.targetFramework;
  const detected = await detectFramework(workspaceFileView(root));
  if (detected && frameworks.includes(detected)) return detected;
  const [first, ...others] = frameworks.map((f) => LABEL[f]);
  const signs = frameworks.map((f) => (f === 'fastapi' ? 'fastapi in requirements.txt, pyproject.toml or app/main.py' : 'express in package.json with src/app.ts')).join('; nor ');
  const detectedNote = detected ? `; it is a ${LABEL[detected]} project` : '';
  throw new PlanError(`${where} does not look like a ${first} project${others.length ? ` (nor an ${others.join(', ')} one)` : ''} (no ${signs}${detectedNote}); set backendSkill.targetFramework to skip this check`);
}
