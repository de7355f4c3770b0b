// Data access for one existing model in a project not laid out by `init`:
// a self-contained repository class (get, list, add, update, delete on the
// caller's session) or module-level CRUD functions in the project's naming,
// sync or async, for SQLModel or plain SQLAlchemy. Nothing here depends on
// our own generic Repository; a project's own generic base is reused by the
// planner when its sibling repositories show how (see `subclassOf`).
import type { CrudNaming } from '../../../style/types';
import type { ResourceNames } from '../../../request/names';
import { Imports } from '../../python';

export interface RepositoryTarget {
  readonly className: string;
  readonly names: ResourceNames;
  /** Dotted module the model is imported from (omitted when the code goes into that module). */
  readonly modelModule?: string;
  /** Annotation of the primary key (`int`, `uuid.UUID`). */
  readonly idType: string;
  readonly orm: 'sqlmodel' | 'sqlalchemy';
  readonly async: boolean;
  /** Writes commit (the repository owns the transaction) or only flush (a service above commits). */
  readonly commit: boolean;
}

export interface EmittedAccess {
  readonly imports: Imports;
  readonly plainImports: readonly string[];
  readonly code: string;
  /** Top-level names the code defines. */
  readonly definedNames: readonly string[];
}

function sessionImports(t: RepositoryTarget, im: Imports): string {
  if (t.async) {
    im.add(t.orm === 'sqlmodel' ? 'sqlmodel.ext.asyncio.session' : 'sqlalchemy.ext.asyncio', 'AsyncSession');
    return 'AsyncSession';
  }
  im.add(t.orm === 'sqlmodel' ? 'sqlmodel' : 'sqlalchemy.orm', 'Session');
  return 'Session';
}

/** The statements of each operation on `s` (the session expression), awaited where the session is async. */
function operations(t: RepositoryTarget, s: string, im: Imports) {
  const aw = t.async ? 'await ' : '';
  im.add(t.orm === 'sqlmodel' ? 'sqlmodel' : 'sqlalchemy', 'select');
  im.add('collections.abc', 'Sequence');
  const run = t.orm === 'sqlmodel' ? 'exec' : 'scalars';
  const M = t.className;
  const v = t.names.snake;
  const finish = t.commit ? [`${aw}${s}.commit()`, `${aw}${s}.refresh(${v})`] : [`${aw}${s}.flush()`, `${aw}${s}.refresh(${v})`];
  return {
    get: [`return ${aw}${s}.get(${M}, ${v}_id)`],
    list: [
      `statement = select(${M}).offset(offset).limit(limit)`,
      t.async ? `return (await ${s}.${run}(statement)).all()` : `return ${s}.${run}(statement).all()`,
    ],
    add: [`${s}.add(${v})`, ...finish, `return ${v}`],
    update: ['for key, value in changes.items():', `    setattr(${v}, key, value)`, `${s}.add(${v})`, ...finish, `return ${v}`],
    delete: [`${aw}${s}.delete(${v})`, `${aw}${s}.${t.commit ? 'commit' : 'flush'}()`],
  };
}

const body = (lines: readonly string[], indent: string) => lines.map((l) => `${indent}${l}`).join('\n');

function common(t: RepositoryTarget, im: Imports): string[] {
  const plain: string[] = [];
  if (t.idType.startsWith('uuid.')) plain.push('uuid');
  if (t.modelModule) im.add(t.modelModule, t.className);
  im.add('collections.abc', 'Mapping').add('typing', 'Any');
  return plain;
}

/** `class XRepository` with its own session; no base class needed. */
export function emitRepositoryClass(t: RepositoryTarget): EmittedAccess {
  const im = new Imports();
  const plainImports = common(t, im);
  const Session = sessionImports(t, im);
  const ops = operations(t, 'self.session', im);
  const d = t.async ? 'async def' : 'def';
  const M = t.className;
  const v = t.names.snake;
  const name = `${M}Repository`;
  const code = `class ${name}:
    """Reads and writes ${M} rows on the caller's session."""

    def __init__(self, session: ${Session}) -> None:
        self.session = session

    ${d} get(self, ${v}_id: ${t.idType}) -> ${M} | None:
${body(ops.get, '        ')}

    ${d} list(self, *, offset: int = 0, limit: int = 100) -> Sequence[${M}]:
${body(ops.list, '        ')}

    ${d} add(self, ${v}: ${M}) -> ${M}:
${body(ops.add, '        ')}

    ${d} update(self, ${v}: ${M}, changes: Mapping[str, Any]) -> ${M}:
${body(ops.update, '        ')}

    ${d} delete(self, ${v}: ${M}) -> None:
${body(ops.delete, '        ')}
`;
  return { imports: im, plainImports, code, definedNames: [name] };
}

/** Module-level CRUD functions named as the project names its own; those it already defines are skipped. */
export function emitCrudFunctions(t: RepositoryTarget, naming: CrudNaming, defined: ReadonlySet<string>): EmittedAccess {
  const im = new Imports();
  const plainImports = common(t, im);
  const Session = sessionImports(t, im);
  const ops = operations(t, 'session', im);
  const d = t.async ? 'async def' : 'def';
  const M = t.className;
  const v = t.names.snake;
  const fill = (template: string) => template.replace(/\{name\}/g, v).replace(/\{plural\}/g, t.names.snakePlural);
  const all: Array<[string, string, readonly string[]]> = [
    [fill(naming.get), `*, session: ${Session}, ${v}_id: ${t.idType}) -> ${M} | None`, ops.get],
    [fill(naming.list), `*, session: ${Session}, offset: int = 0, limit: int = 100) -> Sequence[${M}]`, ops.list],
    [fill(naming.create), `*, session: ${Session}, ${v}: ${M}) -> ${M}`, ops.add],
    [fill(naming.update), `*, session: ${Session}, ${v}: ${M}, changes: Mapping[str, Any]) -> ${M}`, ops.update],
    [fill(naming.delete), `*, session: ${Session}, ${v}: ${M}) -> None`, ops.delete],
  ];
  // A naming template without {name} (`get_multi`) is shared by every model: never redefined.
  const fresh = all.filter(([name]) => !defined.has(name));
  // Imports only the emitted functions use (an unused one is a lint finding).
  if (!fresh.some(([, , lines]) => lines === ops.list)) im.remove('sqlalchemy', 'select').remove('sqlmodel', 'select').remove('collections.abc', 'Sequence');
  if (!fresh.some(([, , lines]) => lines === ops.update)) im.remove('collections.abc', 'Mapping').remove('typing', 'Any');
  if (!fresh.some(([, sig]) => sig.includes(t.idType))) plainImports.splice(0);
  const signature = (name: string, sig: string) => {
    const flat = `${d} ${name}(${sig}:`;
    if (flat.length <= 100) return flat;
    // One parameter per line, as ruff format writes a signature past the line length.
    const close = sig.lastIndexOf(')');
    const params = sig.slice(0, close).split(/, (?![^[]*\])/);
    return `${d} ${name}(\n${params.map((p) => `    ${p},`).join('\n')}\n${sig.slice(close)}:`;
  };
  const code = fresh.map(([name, sig, lines]) => `${signature(name, sig)}\n${body(lines, '    ')}\n`).join('\n\n');
  return { imports: im, plainImports, code, definedNames: fresh.map(([name]) => name) };
}
