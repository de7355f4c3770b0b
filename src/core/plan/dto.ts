// `add dto`: a Pydantic v2 model family (Base, Create, Update, Public) from a
// field spec or a JSON sample, appended to the right schemas module (the one
// of the model with that name, else a new `app/schemas/<name>.py`) with its
// imports merged isort-style; names the module already defines are refused.
import type { FileView } from '../files';
import { emitDtoFamily } from '../emit/fastapi/resource';
import { readFastApiProject } from '../project/fastapi';
import { scanClasses } from '../project/pythonScan';
import { parseFieldSpec, SpecError } from '../spec/fields';
import { inferFieldSpec } from '../spec/jsonSample';
import { resourceNames } from '../spec/names';
import { InputError, checkResourceName } from '../spec/resource';
import type { EditPlan, FileChange } from './editPlan';
import { PlanError, validated } from './fastapi';
import { editPython, importSteps } from './pythonEdit';

export interface AddDtoInput {
  /** The family's stem, e.g. `Address` -> AddressBase, AddressCreate, AddressUpdate, AddressPublic. */
  readonly name: string;
  /** A field spec (`street:str city:str zip:str?`); or give `json`. */
  readonly fields?: string;
  /** A JSON sample to infer the fields from. */
  readonly json?: string;
  /** Target schemas module, relative to the root; defaults to the model's module or a new one. */
  readonly module?: string;
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
  const family = emitDtoFamily({ names, fields }, { withId: models.has(names.className), withList: false });
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
