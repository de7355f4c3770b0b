// How the core sees a workspace: a read-only file view supplied by the
// adapter (node fs for the CLI, workspace.fs + open editors for VS Code).
// Paths are relative to the project root and always use forward slashes.

export interface FileView {
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Relative paths of the files directly inside `dir` (not recursive); [] when missing. */
  listDir(dir: string): Promise<string[]>;
}

/** A FileView over an in-memory map, for tests and for validating planned results. */
export function memoryFileView(files: ReadonlyMap<string, string>): FileView {
  return {
    async readFile(path) {
      return files.get(path);
    },
    async listDir(dir) {
      const prefix = dir === '' || dir === '.' ? '' : dir.replace(/\/+$/, '') + '/';
      const out: string[] = [];
      for (const key of files.keys()) {
        if (key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) out.push(key);
      }
      return out.sort();
    },
  };
}
