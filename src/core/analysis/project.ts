// Facts about the project around the analysed file, gathered once from a
// lexical pass over its Python files: where settings live, which function
// hashes passwords, which dependencies authenticate, whether `.env.example`
// exists. Rules read them to decide (missing-auth) and fixes use them to
// write code that fits the project (move a secret into *its* settings).
export interface ProjectFile {
  /** Relative path with forward slashes. */
  readonly path: string;
  readonly source: string;
}

export interface SettingsFacts {
  /** File that defines the settings class and instance, e.g. `app/settings.py`. */
  readonly path: string;
  /** Import path of that module, e.g. `app.settings`. */
  readonly module: string;
  readonly className: string;
  /** Module-level instance name (`settings = Settings()`), if any. */
  readonly instance: string | undefined;
}

export interface HasherFacts {
  readonly module: string;
  /** Function that hashes a password, e.g. `hash_password`. */
  readonly hash: string;
  /** Its counterpart in the same module that checks a password against a hash, e.g. `verify_password`, if any. */
  readonly verify?: string;
}

export interface AuthDependencyFacts {
  /** Name as importable: a function (`get_current_user`) or an `Annotated` alias (`CurrentUserDep`). */
  readonly name: string;
  readonly module: string;
  readonly kind: 'function' | 'alias';
}

export interface ProjectFacts {
  /** Texts of project files a fix may edit (settings module, `.env.example`), by path. */
  readonly files: ReadonlyMap<string, string>;
  readonly settings: SettingsFacts | undefined;
  /** Path of `.env.example` at the project root (or beside the settings package), if present. */
  readonly envExample: string | undefined;
  readonly hasher: HasherFacts | undefined;
  /** Dependencies that authenticate the caller; empty when the project has no auth. */
  readonly authDependencies: readonly AuthDependencyFacts[];
}

export const EMPTY_FACTS: ProjectFacts = { files: new Map(), settings: undefined, envExample: undefined, hasher: undefined, authDependencies: [] };

/** `app/core/settings.py` → `app.core.settings`. */
export function moduleOfPath(path: string): string {
  return path.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

const SETTINGS_CLASS = /^class\s+(\w+)\s*\(\s*(?:[\w.]*\.)?BaseSettings\s*\)\s*:/m;
const HASH_FN = /^(?:async\s+)?def\s+(hash_password|get_password_hash|hash_pw|make_password)\s*\(/m;
const VERIFY_FN = /^(?:async\s+)?def\s+(verify_password|check_password|verify_pw|check_pw|password_matches)\s*\(/m;
const AUTH_FN = /^(?:async\s+)?def\s+(get_current_user|get_current_active_user|current_user|require_user|get_user_from_token|authenticate_user|verify_token|require_auth)\s*\(/gm;
const ANNOTATED_ALIAS = /^(\w+)\s*(?::\s*\w+\s*)?=\s*Annotated\[[^\n]*Depends\(\s*(\w+)\s*\)/gm;

/** Gather project facts from the project's files (Python sources plus `.env.example`). */
export function collectProjectFacts(files: readonly ProjectFile[]): ProjectFacts {
  const texts = new Map<string, string>();
  let settings: SettingsFacts | undefined;
  let envExample: string | undefined;
  let hasher: HasherFacts | undefined;
  const authFns = new Map<string, string>();
  const aliases: { name: string; target: string; module: string }[] = [];
  for (const file of files) {
    if (/(^|\/)\.env\.example$/.test(file.path)) {
      if (!envExample || file.path.split('/').length < envExample.split('/').length) envExample = file.path;
      texts.set(file.path, file.source);
      continue;
    }
    if (!file.path.endsWith('.py')) continue;
    const source = file.source;
    if (!settings && source.includes('BaseSettings')) {
      const match = SETTINGS_CLASS.exec(source);
      if (match) {
        const className = match[1]!;
        const instance = new RegExp(`^(\\w+)\\s*(?::\\s*${className}\\s*)?=\\s*${className}\\(`, 'm').exec(source)?.[1];
        settings = { path: file.path, module: moduleOfPath(file.path), className, instance };
        texts.set(file.path, source);
      }
    }
    if (!hasher) {
      const match = HASH_FN.exec(source);
      if (match) {
        const verify = VERIFY_FN.exec(source)?.[1];
        hasher = { module: moduleOfPath(file.path), hash: match[1]!, ...(verify ? { verify } : {}) };
      }
    }
    if (source.includes('def ')) {
      for (const m of source.matchAll(AUTH_FN)) authFns.set(m[1]!, moduleOfPath(file.path));
    }
    if (source.includes('Annotated[')) {
      for (const m of source.matchAll(ANNOTATED_ALIAS)) aliases.push({ name: m[1]!, target: m[2]!, module: moduleOfPath(file.path) });
    }
  }
  const authDependencies: AuthDependencyFacts[] = [...authFns].map(([name, module]) => ({ name, module, kind: 'function' as const }));
  for (const alias of aliases) if (authFns.has(alias.target)) authDependencies.push({ name: alias.name, module: alias.module, kind: 'alias' });
  return { files: texts, settings, envExample, hasher, authDependencies };
}
