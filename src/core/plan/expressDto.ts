// `add dto` for Express projects: a zod schema family (`XCreate`, `XUpdate`,
// `XPublic`, each with its `z.infer` type) from a field spec or a JSON sample,
// appended to an existing schemas module (its `z` import reused or added once)
// or written as a new `src/schemas/<name>.ts`. A name the module already binds
// is refused; nothing is overwritten.
import type { FileView } from '../files';
import { parseFieldSpec, SpecError, type FieldSpec } from '../request/fields';
import { inferFieldSpec } from '../request/jsonSample';
import { resourceNames, type ResourceNames } from '../request/names';
import { InputError, checkResourceName } from '../request/resource';
import { firstTsSyntaxError, lineEnd, parseTs, planImports, relativeSpecifier, topLevelNames, tsStyle, type ImportNeed, type TsStyle } from '../ts/edit';
import { zodFieldType } from '../emit/express/resource';
import { tsLiteral } from '../emit/express/ts';
import { applyEdits, type EditPlan, type FileChange } from './editPlan';
import { mergeInserts } from './expressRoute';
import { PlanError } from './fastapi';

export interface AddZodDtoInput {
  /** The family's stem: `Address` -> AddressCreate, AddressUpdate, AddressPublic. */
  readonly name: string;
  /** A field spec (`street:str city:str zip:str?`); or give `json`. */
  readonly fields?: string;
  /** A JSON sample to infer the fields from. */
  readonly json?: string;
  /** Target module, relative to the project root; default `src/schemas/<name>.ts`. */
  readonly module?: string;
}

/** Where a DTO family named `name` goes by default: `src/schemas/order-line.ts`. */
export function defaultZodDtoModule(name: string): string {
  return `src/schemas/${resourceNames(name).snake.replace(/_/g, '-')}.ts`;
}

/** Resources of an Express project: the stems of the `XCreate` schemas its schema modules export. */
export async function zodResourceNames(view: FileView): Promise<Set<string>> {
  const out = new Set<string>();
  for (const file of await view.listDir('src/schemas')) {
    if (!file.endsWith('.ts')) continue;
    const text = (await view.readFile(file)) ?? '';
    for (const m of text.matchAll(/export\s+const\s+([A-Z][A-Za-z0-9]*)Create\b/g)) out.add(m[1]!);
  }
  return out;
}

/** The `.default(...)` of a Create field (optional fields default to null), as `init express` writes it. */
function zodDefault(f: FieldSpec): string {
  const nullable = f.optional ? '.nullable()' : '';
  const d = f.default;
  if (!d) return f.optional ? `${nullable}.default(null)` : '';
  if (d.kind === 'factory') {
    const make = d.factory === 'now' ? 'new Date().toISOString()' : d.factory === 'today' ? 'new Date().toISOString().slice(0, 10)' : 'randomUUID()';
    return `${nullable}.default(() => ${make})`;
  }
  const v = d.value;
  if (v === null) return `${nullable}.default(null)`;
  // A fresh array or object per parse, never one shared instance.
  if (Array.isArray(v)) return `${nullable}.default(() => ${tsLiteral(v)})`;
  if (typeof v === 'object') return `${nullable}.default(() => (${tsLiteral(v)}))`;
  return `${nullable}.default(${tsLiteral(f.type.kind === 'decimal' ? String(v) : v)})`;
}

/** What a family needs besides zod: `randomUUID` for uuid4 defaults, the project's `decimal` helper. */
export function zodFamilyNeeds(fields: readonly FieldSpec[]): { uuid: boolean; decimal: boolean } {
  return {
    uuid: fields.some((f) => f.default?.kind === 'factory' && f.default.factory === 'uuid4'),
    decimal: fields.some((f) => f.type.kind === 'decimal'),
  };
}

/**
 * The family's source: Create (strict: unknown keys are a 422), Update (every
 * field optional, no defaults: what a PATCH leaves out stays), Public, and
 * their `z.infer` types. Field types are the ones `new resource` generates
 * (zodFieldType); `z`, `decimal` name the module's own bindings.
 */
export function emitZodFamily(
  names: ResourceNames, fields: readonly FieldSpec[], style: TsStyle,
  refs: { readonly z: string; readonly decimal?: string; readonly randomUUID?: string },
  withId: boolean,
  /** JSON keys as a sample wrote them (field name -> key); default: the field names. */
  keys?: ReadonlyMap<string, string>,
): { text: string; definedNames: string[] } {
  const qc = style.quote;
  const q = (s: string) => `${qc}${s.replace(/\\/g, '\\\\').replace(new RegExp(qc, 'g'), `\\${qc}`)}${qc}`;
  const semi = style.semi ? ';' : '';
  const i = style.indent;
  const eol = style.eol;
  const key = (field: string) => {
    const name = keys?.get(field) ?? field;
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : q(name);
  };
  // The shared emitter writes `z.`, single quotes and `decimal(`: map them to this module's names and quotes.
  const local = (expr: string) => {
    let out = refs.z === 'z' ? expr : expr.replace(/\bz\./g, `${refs.z}.`);
    if (refs.decimal && refs.decimal !== 'decimal') out = out.replace(/^decimal\(/, `${refs.decimal}(`);
    if (refs.randomUUID && refs.randomUUID !== 'randomUUID') out = out.replace(/\brandomUUID\(\)/g, `${refs.randomUUID}()`);
    return qc === "'" ? out : out.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, body: string) => q(body.replace(/\\'/g, "'")));
  };
  const type = (f: FieldSpec) => {
    if (f.type.kind === 'decimal' && !refs.decimal) return `${refs.z}.string().regex(/^-?\\d{1,10}(\\.\\d{1,2})?$/)`;
    return local(zodFieldType(f));
  };
  const entries = fields.map((f) => `${i}${key(f.name)}: ${type(f)}${local(zodDefault(f))},`);
  const updates = fields.map((f) => `${i}${key(f.name)}: ${type(f)}${f.optional ? '.nullable()' : ''}.optional(),`);
  const publics = fields.map((f) => `${i}${key(f.name)}: ${type(f)}${f.optional ? '.nullable()' : ''},`);
  const C = names.className;
  const z = refs.z;
  const lines = [
    `/** Body of POST and PUT (a full replacement); unknown fields are rejected. */`,
    `export const ${C}Create = ${z}.strictObject({`,
    ...entries,
    `})${semi}`,
    `export type ${C}Create = ${z}.infer<typeof ${C}Create>${semi}`,
    '',
    `/** Body of PATCH: every field optional; only the fields sent are changed. */`,
    `export const ${C}Update = ${z}.strictObject({`,
    ...updates,
    `})${semi}`,
    `export type ${C}Update = ${z}.infer<typeof ${C}Update>${semi}`,
    '',
    `export const ${C}Public = ${z}.object({`,
    ...(withId ? [`${i}id: ${z}.number().int(),`] : []),
    ...publics,
    `})${semi}`,
    `export type ${C}Public = ${z}.infer<typeof ${C}Public>${semi}`,
  ];
  return { text: lines.join(eol) + eol, definedNames: [`${C}Create`, `${C}Update`, `${C}Public`] };
}

/** Plan a zod DTO family. Throws InputError (bad input) or PlanError (project state). */
export async function planAddZodDto(view: FileView, input: AddZodDtoInput): Promise<{ plan: EditPlan; fields: string }> {
  let names: ResourceNames;
  try {
    names = checkResourceName(input.name, 'express');
  } catch (error) {
    if (error instanceof SpecError) throw new InputError('name', error.message.replace(/resource name/g, 'DTO name'));
    throw error;
  }
  const notes: string[] = [];
  let fieldText = input.fields;
  let keys: ReadonlyMap<string, string> | undefined;
  if (input.json !== undefined) {
    const inferred = inferFieldSpec(input.json);
    fieldText = inferred.spec;
    keys = inferred.keys;
    notes.push(`fields from the JSON sample: ${inferred.spec}`, ...inferred.notes);
  }
  if (fieldText === undefined) throw new InputError('fields', 'give a field spec or a JSON sample');
  const resources = await zodResourceNames(view);
  let fields: FieldSpec[];
  try {
    fields = parseFieldSpec(fieldText, new Set([...resources, names.className]), 'express');
  } catch (error) {
    if (error instanceof SpecError) throw new InputError(input.json !== undefined ? 'json' : 'fields', error.describe(), error.token, error.offset);
    throw error;
  }
  const module = (input.module ?? defaultZodDtoModule(names.className)).replace(/^\.?\//, '');
  if (!/^[\w.-]+(\/[\w.-]+)*\.ts$/.test(module) || module.split('/').includes('..') || module.endsWith('.d.ts') || module.startsWith('node_modules/')) {
    throw new InputError('module', `${module} is not a TypeScript module of the project; use src/schemas/<name>.ts`);
  }
  // A DTO for a resource the project stores (it has a repository) describes rows: Public carries the id.
  const withId = (await view.readFile(`src/repositories/${names.snake.replace(/_/g, '-')}.ts`)) !== undefined;
  const needs = zodFamilyNeeds(fields);
  // The generated projects' decimal helper (a number or string in, a string out); else a plain string pattern.
  const decimalModule = needs.decimal && /export\s+function\s+decimal\s*\(/.test((await view.readFile('src/schemas/common.ts')) ?? '') && module !== 'src/schemas/common.ts'
    ? 'src/schemas/common' : undefined;
  const imports: ImportNeed[] = [
    ...(needs.uuid ? [{ module: 'node:crypto', name: 'randomUUID' }] : []),
    { module: 'zod', name: 'z', namespaceIsName: true },
    ...(decimalModule ? [{ module: decimalModule, name: 'decimal', project: true }] : []),
  ];
  const original = await view.readFile(module);
  let change: FileChange;
  let result: string;
  let definedNames: string[];
  if (original === undefined) {
    const style: TsStyle = { eol: '\n', quote: "'", semi: true, indent: '  ' };
    const family = emitZodFamily(names, fields, style, { z: 'z', ...(decimalModule ? { decimal: 'decimal' } : {}) }, withId, keys);
    definedNames = family.definedNames;
    const lines = imports.map((need) => `import { ${need.name} } from '${need.project ? relativeSpecifier(module, need.module, false) : need.module}';`);
    result = `// Request and response schemas for ${names.wordsPlural}.\n${lines.join('\n')}\n\n${family.text}`;
    change = { kind: 'create', path: module, content: result };
  } else {
    const syntax = await firstTsSyntaxError(module, original);
    if (syntax) throw new PlanError(`${module} has a syntax error at line ${syntax.line}, column ${syntax.column} (${syntax.message}); fix it first, then run again`);
    const parsed = await parseTs(module, original);
    const style = tsStyle(parsed);
    const bound = topLevelNames(parsed);
    const defined = [`${names.className}Create`, `${names.className}Update`, `${names.className}Public`];
    const clash = defined.filter((n) => bound.has(n));
    if (clash.length > 0) throw new InputError('name', `${module} already defines ${clash.join(', ')}; choose another DTO name`);
    let planned;
    try {
      planned = planImports(parsed, module, imports, style);
    } catch (error) {
      throw new PlanError((error as Error).message);
    }
    const ref = (need: ImportNeed) => planned.refs.get(`${need.module}#${need.name}`) ?? need.name;
    const family = emitZodFamily(names, fields, style, {
      z: ref(imports.find((n) => n.module === 'zod')!),
      ...(decimalModule ? { decimal: ref({ module: decimalModule, name: 'decimal' }) } : {}),
      ...(needs.uuid ? { randomUUID: ref({ module: 'node:crypto', name: 'randomUUID' }) } : {}),
    }, withId, keys);
    definedNames = family.definedNames;
    // Appended after the module's last statement (and its trailing comment), one blank line apart.
    const statements = parsed.file.getStatements();
    const last = statements[statements.length - 1];
    const at = last ? lineEnd(original, last.getEnd()) : original.length;
    const lead = at === original.length && original.length > 0 && !original.endsWith('\n') ? style.eol : '';
    const edits = mergeInserts([...planned.edits, { start: at, end: at, text: `${lead}${at > 0 ? style.eol : ''}${family.text}` }]);
    result = applyEdits(original, edits);
    change = { kind: 'modify', path: module, original, edits };
  }
  const after = await firstTsSyntaxError(module, result);
  if (after) throw new PlanError(`internal: the planned ${module} would not parse (line ${after.line}, column ${after.column}: ${after.message})`);
  notes.unshift(`${definedNames.join(', ')} in ${module}`);
  const focus = result.indexOf(`export const ${names.className}Create`);
  return { plan: { changes: [change], notes, focus: { path: module, offset: Math.max(0, focus) } }, fields: fieldText };
}
