// How the core sees a workspace: a read-only file view supplied by the
// adapter (node fs for the CLI, workspace.fs + open editors for VS Code).
// Paths are relative to the project root and always use forward slashes.

export interface FileView {
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Relative paths of the files directly inside `dir` (not recursive); [] when missing. */
  listDir(dir: string): Promise<string[]>;
  /**
   * Relative paths of the folders directly inside `dir`; [] when missing.
   * Optional: a view without it is walked only through the folders that
   * Python imports name (style inference follows imports either way).
   */
  listDirs?(dir: string): Promise<string[]>;
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
    async listDirs(dir) {
      const prefix = dir === '' || dir === '.' ? '' : dir.replace(/\/+$/, '') + '/';
      const out = new Set<string>();
      for (const key of files.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash > 0) out.add(prefix + rest.slice(0, slash));
      }
      return [...out].sort();
    },
  };
}
