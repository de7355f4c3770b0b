// A DTO family (XBase, XCreate, XUpdate, XPublic) for a project not laid out
// by `init`: SQLModel classes when the target module is a SQLModel models
// module (the family sits beside the tables), plain Pydantic models
// otherwise, in the project's Pydantic major version. Unlike the init
// emitter it imports nothing from our own helper modules, which such a
// project does not have; constraints go into `Field(...)` defaults so one
// spelling works under both Pydantic versions and under SQLModel.
import type { FieldSpec } from '../../../request/fields';
import type { ResourceNames } from '../../../request/names';
import { Imports } from '../../python';
import { constraintArgs, dtoDefault, fieldBaseType, type TypeFlavor } from '../resource';

export interface StyledDtoOptions {
  /** `sqlmodel`: classes on `SQLModel`; `pydantic`: on `BaseModel`. */
  readonly base: 'sqlmodel' | 'pydantic';
  readonly pydantic: 1 | 2;
  /** The Public model carries the row id with this annotation (a DTO named after a table model). */
  readonly id?: string;
  /** The id annotation of a referenced model (`uuid.UUID`, `int`). */
  readonly refType: (target: string) => string;
}

export interface StyledDto {
  readonly imports: Imports;
  /** Plain `import x` statements the code needs (`uuid`). */
  readonly plainImports: readonly string[];
  readonly code: string;
  readonly definedNames: readonly string[];
}

/** One annotated field, its default and constraints in one `Field(...)`, wrapped past 100 columns. */
function fieldLine(name: string, type: string, args: readonly string[], defaultText: string): string {
  if (args.length === 0) return `    ${name}: ${type}${defaultText}`;
  const line = `    ${name}: ${type} = Field(${args.join(', ')})`;
  if (line.length <= 100) return line;
  return `    ${name}: ${type} = Field(\n        ${args.join(', ')}\n    )`;
}

export function emitStyledDtoFamily(names: ResourceNames, fields: readonly FieldSpec[], o: StyledDtoOptions): StyledDto {
  const im = new Imports();
  const plain = new Set<string>();
  const fieldFrom = o.base === 'sqlmodel' ? 'sqlmodel' : 'pydantic';
  const root = o.base === 'sqlmodel' ? 'SQLModel' : 'BaseModel';
  im.add(fieldFrom, root);
  const flavor: TypeFlavor = {
    helpers: false,
    refType: (target) => {
      const t = o.refType(target);
      if (t.startsWith('uuid.')) plain.add('uuid');
      return t;
    },
  };
  const typeOf = (f: FieldSpec): string => {
    const t = fieldBaseType(f, im, flavor);
    // Pydantic 1 has neither FiniteFloat nor JsonValue.
    if (o.pydantic === 1 && t === 'FiniteFloat') return 'float';
    if (o.pydantic === 1 && t === 'JsonValue') {
      im.add('typing', 'Any');
      return 'Any';
    }
    return t;
  };
  const cleanImports = () => {
    // fieldBaseType may have asked for names the v1 spelling no longer uses.
    if (o.pydantic === 1) {
      const names = im.entries().get('pydantic');
      if (names) for (const n of ['FiniteFloat', 'JsonValue']) (names as Set<string>).delete(n);
    }
  };
  // SQLModel types ge/le as float: plain numbers there, Decimal(...) under Pydantic.
  const constraints = (f: FieldSpec) => constraintArgs(f).map((a) => (o.base === 'sqlmodel' ? a.replace(/Decimal\("([^"]*)"\)/, '$1') : a));
  /** The Create-side default: `= x` as written, or the arguments it adds to `Field(...)`. */
  const defaultOf = (f: FieldSpec): { text: string; args: string[] } => {
    const scratch = new Imports();
    const text = dtoDefault(f, scratch);
    // Field comes from the family's own module (sqlmodel's Field in a SQLModel module).
    for (const [m, ns] of scratch.entries()) for (const n of ns) if (!(m === 'pydantic' && n === 'Field')) im.add(m, n);
    const factory = /^ = Field\((.*)\)$/.exec(text);
    if (factory) return { text: '', args: [factory[1]!] };
    return { text, args: text ? [`default=${text.replace(/^ = /, '')}`] : [] };
  };
  const C = names.className;
  let needsField = false;
  const base = fields.map((f) => {
    const d = defaultOf(f);
    const cons = constraints(f);
    const type = `${typeOf(f)}${f.optional ? ' | None' : ''}`;
    if (cons.length === 0 && d.text !== '') return `    ${f.name}: ${type}${d.text}`;
    const args = [...d.args, ...cons];
    if (args.length > 0) needsField = true;
    return fieldLine(f.name, type, args, '');
  });
  const update = fields.map((f) => {
    const args = constraints(f);
    if (args.length > 0) needsField = true;
    return fieldLine(f.name, `${typeOf(f)} | None`, args.length ? ['default=None', ...args] : [], ' = None');
  });
  if (needsField) im.add(fieldFrom, 'Field');
  if (o.id?.startsWith('uuid.')) plain.add('uuid');
  let publicBody: string;
  if (o.base === 'sqlmodel') {
    publicBody = o.id ? `    id: ${o.id}` : '    pass';
  } else if (o.pydantic === 2) {
    im.add('pydantic', 'ConfigDict');
    publicBody = `    model_config = ConfigDict(from_attributes=True)${o.id ? `\n\n    id: ${o.id}` : ''}`;
  } else {
    publicBody = `${o.id ? `    id: ${o.id}\n\n` : ''}    class Config:\n        orm_mode = True`;
  }
  cleanImports();
  const code = `class ${C}Base(${root}):
${base.length ? base.join('\n') : '    pass'}


class ${C}Create(${C}Base):
    pass


class ${C}Update(${root}):
${update.length ? update.join('\n') : '    pass'}


class ${C}Public(${C}Base):
${publicBody}
`;
  return { imports: im, plainImports: [...plain], code, definedNames: [`${C}Base`, `${C}Create`, `${C}Update`, `${C}Public`] };
}
