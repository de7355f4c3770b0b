// The core's FileView over a workspace folder: unsaved editor text first (so
// that is what gets planned against), then the file system via workspace.fs.
// A document that is open but not dirty is read from disk: VS Code keeps
// documents of deleted files around (e.g. after undoing a created file), and
// their stale text must not make a deleted file look present.
import * as vscode from 'vscode';
import type { FileView } from '../core/index';

export function workspaceFileView(folder: vscode.Uri): FileView {
  const uriOf = (path: string) => vscode.Uri.joinPath(folder, ...path.split('/').filter(Boolean));
  return {
    async readFile(path) {
      const uri = uriOf(path);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
      if (open?.isDirty) return open.getText();
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    async listDir(dir) {
      // Probing folders that may be absent is routine (framework detection asks
      // for src/, app/, …), and VS Code logs every failed readdir with a stack
      // trace: look before listing. Only "not there" means []; any other
      // failure is a real error and reaches the caller.
      const uri = uriOf(dir);
      let entries: [string, vscode.FileType][];
      try {
        if (((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) === 0) return [];
        entries = await vscode.workspace.fs.readDirectory(uri);
      } catch (error) {
        if (isAbsent(error)) return [];
        throw error;
      }
      const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
      return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => prefix + name);
    },
    async listDirs(dir) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(uriOf(dir));
        const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
        return entries.filter(([, type]) => (type & vscode.FileType.Directory) !== 0).map(([name]) => prefix + name);
      } catch {
        return [];
      }
    },
  };
}

/** The folder (or a parent) does not exist, or a parent is a file: nothing to list. */
function isAbsent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'FileNotFound' || code === 'FileNotADirectory' || code === 'ENOENT' || code === 'ENOTDIR';
}
