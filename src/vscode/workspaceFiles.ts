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
      try {
        const entries = await vscode.workspace.fs.readDirectory(uriOf(dir));
        const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
        return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => prefix + name);
      } catch {
        return [];
      }
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
