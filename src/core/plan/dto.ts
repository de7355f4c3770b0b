// `add dto`: a Pydantic v2 model family (Base, Create, Update, Public) from a
// field spec or a JSON sample, appended to the right schemas module (the one
// of the model with that name, else a new `app/schemas/<name>.py`) with its
// imports merged isort-style; names the module already defines are refused.
import type { FileView } from '../files';
import { emitDtoFamily, initFlavor } from '../emit/fastapi/resource';
import { readFastApiProject } from '../project/fastapi';
import { scanClasses } from '../project/pythonScan';
import { parseFieldSpec, SpecError } from '../request/fields';
import { inferFieldSpec } from '../request/jsonSample';
import { resourceNames } from '../request/names';
import { InputError, checkResourceName } from '../request/resource';
import type { EditPlan, FileChange } from './editPlan';
import { hasGuardTypes, PlanError, validated } from './fastapi';
import { editPython, importSteps, type Step } from './pythonEdit';
import { planImport } from './pythonInsert';
import { emitStyledDtoFamily } from '../emit/fastapi/styled/dto';
import type { ProjectStyle } from '../style/types';

export interface AddDtoInput {
  /** The family's stem, e.g. `Address` -> AddressBase, AddressCreate, AddressUpdate, AddressPublic. */
  readonly name: string;
  /** A field spec (`street:str city:str zip:str?`); or give `json`. */
  readonly fields?: string;
  /** A JSON sample to infer the fields from. */
  readonly json?: string;
  /** Target schemas module, relative to the root; defaults to the model's module or a new one. */
  readonly module?: string;
  /**
   * The project's inferred style. Outside our init layout the family goes
   * where the project keeps DTOs (beside SQLModel tables, a schemas package
   * or module, a feature's schemas.py) and is written in its idiom.
   */
  readonly style?: ProjectStyle;
}

/** The schemas module a DTO named `name` belongs in by default. */
export function defaultDtoModule(name: string): string {
  return `app/schemas/${resourceNames(name).snake}.py`;
}

/** Top-level names a module binds (classes, assignments, from-imports), for collision checks. */
function boundNames(source: string): Set<string> {
  const names = new Set(scanClasses(source).map((c) => c.className));
  for (const m of source.matchAll(/^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=/gm)) names.add(m[1]!);
  // Imported names too (one line, or parenthesised over several): `from x import a, b as c`.
  for (const m of source.matchAll(/^from\s+[\w.]+\s+import\s+(?:\(([^)]*)\)|([^\n]+))/gm)) {
    for (const part of (m[1] ?? m[2] ?? '').replace(/#[^\n]*/g, '').split(',')) {
      const bound = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (bound && /^[A-Za-z_]\w*$/.test(bound)) names.add(bound);
    }
  }
  return names;
}

/** Plan a DTO family. Throws InputError (bad input) or PlanError (project state). */
export async function planAddDto(view: FileView, input: AddDtoInput): Promise<{ plan: EditPlan; fields: string }> {
  let names;
  try {
    names = checkResourceName(input.name);
  } catch (error) {
    if (error instanceof SpecError) throw new InputError('name', error.message.replace(/resource name/g, 'DTO name'));
    throw error;
  }
  const notes: string[] = [];
  let fieldText = input.fields;
  if (input.json !== undefined) {
    const inferred = inferFieldSpec(input.json);
    fieldText = inferred.spec;
    notes.push(`fields from the JSON sample: ${inferred.spec}`, ...inferred.notes);
  }
  if (fieldText === undefined) throw new InputError('fields', 'give a field spec or a JSON sample');
  if (input.style && !input.style.initLayout) return planStyledDto(view, input, input.style, names, fieldText, notes);
  const project = await readFastApiProject(view);
  const models = new Set(project.models.map((m) => m.className));
  let fields;
  try {
    fields = parseFieldSpec(fieldText, models);
  } catch (error) {
    if (error instanceof SpecError) throw new InputError(input.json !== undefined ? 'json' : 'fields', error.describe(), error.token, error.offset);
    throw error;
  }
  const module = (input.module ?? defaultDtoModule(names.className)).replace(/^\.?\//, '');
  if (!/^app\/schemas\/[a-z_][a-z0-9_]*\.py$/.test(module) || module.endsWith('/__init__.py')) {
    throw new InputError('module', `${module} is not a schemas module; use app/schemas/<name>.py`);
  }
  // A DTO named after a table-backed model describes its rows: Public carries the id.
  const family = emitDtoFamily({ names, fields }, { withId: models.has(names.className), withList: false, flavor: initFlavor(await hasGuardTypes(view)) });
  const original = await view.readFile(module);
  let change: FileChange;
  let result: string;
  if (original === undefined) {
    result = `"""Request and response models for ${names.wordsPlural}."""

${family.imports.render()}
${family.aliases ? `\n${family.aliases}\n` : ''}

${family.classes}`;
    change = { kind: 'create', path: module, content: result };
  } else {
    const bound = boundNames(original);
    const clash = family.definedNames.filter((n) => bound.has(n));
    if (clash.length > 0) {
      throw new InputError('name', `${module} already defines ${clash.join(', ')}; choose another DTO name`);
    }
    const block = `${family.aliases ? `${family.aliases}\n\n\n` : ''}${family.classes}`;
    const edited = await editPython(
      module,
      original,
      [
        // Appended after the module's last statement, two blank lines apart (as ruff format wants).
        (source) => {
          const end = source.replace(/\s+$/, '').length;
          return { start: end, end: source.length, text: `${end > 0 ? '\n\n\n' : ''}${block}` };
        },
        ...importSteps(family.imports.entries()),
      ],
      (m) => new PlanError(m),
    );
    if (!edited.change) throw new PlanError('internal: nothing to insert');
    change = edited.change;
    result = edited.result;
  }
  notes.unshift(`${family.definedNames.slice(0, 4).join(', ')} in ${module}`);
  const focus = result.indexOf(`class ${names.className}Base(`);
  const plan = await validated({ changes: [change], notes, focus: { path: module, offset: Math.max(0, focus) } }, view);
  return { plan, fields: fieldText };
}

/** A module path inside the project: relative, `.py`, every segment a Python identifier. */
const MODULE_PATH = /^(?:[A-Za-z_]\w*\/)*[A-Za-z_]\w*\.py$/;

/** Where a DTO family named `names` goes by default in this project's layout, or undefined when only the user can say. */
function styledDtoModule(style: ProjectStyle, names: ReturnType<typeof checkResourceName>): string | undefined {
  const s = style.schemas;
  const model = style.models.known.find((m) => m.className === names.className);
  if (s.kind === 'beside-models') {
    if (model) return model.path;
    const p = style.models.placement;
    return p.kind === 'module' ? p.path : p.kind === 'package' ? `${p.dir}/${names.snake}.py` : undefined;
  }
  if (s.kind === 'module') return s.path;
  if (s.kind === 'package') return `${s.dir}/${names.snake}.py`;
  // Feature folders: the feature of the model with that name, if there is one.
  if (model && model.path.startsWith(`${s.root}/`)) return model.path.replace(/[^/]+$/, s.file);
  return undefined;
}

/** Add DTO outside the init layout: the project's placement and idiom, its own Pydantic version. */
async function planStyledDto(
  view: FileView, input: AddDtoInput, style: ProjectStyle, names: ReturnType<typeof checkResourceName>, fieldText: string, notes: string[],
): Promise<{ plan: EditPlan; fields: string }> {
  const known = new Map(style.models.known.map((m) => [m.className, m]));
  let fields;
  try {
    fields = parseFieldSpec(fieldText, new Set(known.keys()));
  } catch (error) {
    if (error instanceof SpecError) throw new InputError(input.json !== undefined ? 'json' : 'fields', error.describe(), error.token, error.offset);
    throw error;
  }
  const module = (input.module ?? styledDtoModule(style, names))?.replace(/^\.?\//, '');
  if (module === undefined) {
    const s = style.schemas;
    throw new InputError('module', `this project keeps DTOs per feature (${s.kind === 'feature' ? `${s.root}/<feature>/${s.file}` : 'one module per feature'}); name the module`);
  }
  if (!MODULE_PATH.test(module)) throw new InputError('module', `${module} is not a Python module path inside the project (e.g. ${style.packageRoot}/schemas.py)`);
  const original = await view.readFile(module);
  // SQLModel DTOs where the module is (or will be) a SQLModel models module; plain Pydantic elsewhere.
  const sqlmodelModule = original !== undefined
    ? /^from\s+sqlmodel\s+import\s+[^\n]*\bSQLModel\b|^from\s+sqlmodel\s+import\s+\([^)]*\bSQLModel\b/m.test(original)
    : style.orm === 'sqlmodel' && style.schemas.kind === 'beside-models';
  const model = known.get(names.className);
  const idOf = (m: { idType: string } | undefined) => (m?.idType === 'uuid' ? 'uuid.UUID' : m?.idType === 'int' ? 'int' : undefined);
  const id = idOf(model);
  const family = emitStyledDtoFamily(names, fields, {
    base: sqlmodelModule ? 'sqlmodel' : 'pydantic',
    pydantic: style.pydantic,
    ...(id ? { id } : {}),
    refType: (target) => idOf(known.get(target)) ?? (style.idType === 'uuid' ? 'uuid.UUID' : 'int'),
  });
  const plainSteps: Step[] = family.plainImports.map((m) => (source, tree) => planImport(source, tree, m));
  let change: FileChange;
  let result: string;
  if (original === undefined) {
    const local = (m: string) => m === style.packageRoot || m.startsWith(`${style.packageRoot}.`);
    const content = `"""Request and response models for ${names.wordsPlural}."""\n\n${family.imports.render(local)}\n\n\n${family.code}`;
    // Plain imports (`import uuid`) placed by the same planner that edits existing modules.
    result = plainSteps.length ? (await editPython(module, content, plainSteps, (m) => new PlanError(m))).result : content;
    change = { kind: 'create', path: module, content: result };
  } else {
    const bound = boundNames(original);
    const clash = family.definedNames.filter((n) => bound.has(n));
    if (clash.length > 0) throw new InputError('name', `${module} already defines ${clash.join(', ')}; choose another DTO name`);
    const edited = await editPython(
      module,
      original,
      [
        (source) => {
          const end = source.replace(/\s+$/, '').length;
          return { start: end, end: source.length, text: `${end > 0 ? '\n\n\n' : ''}${family.code}` };
        },
        ...plainSteps,
        ...importSteps(family.imports.entries()),
      ],
      (m) => new PlanError(m),
    );
    if (!edited.change) throw new PlanError('internal: nothing to insert');
    change = edited.change;
    result = edited.result;
  }
  notes.unshift(`${family.definedNames.join(', ')} in ${module}`);
  const focus = result.indexOf(`class ${names.className}Base(`);
  const plan = await validated({ changes: [change], notes, focus: { path: module, offset: Math.max(0, focus) } }, view);
  return { plan, fields: fieldText };
}
