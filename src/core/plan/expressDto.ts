// `add dto` for Express projects: a zod schema family (`XCreate`, `XUpdate`,
// `XPublic`, each with its `z.infer` type) from a field spec or a JSON sample,
// appended to an existing schemas module (its `z` import reused or added once)
// or written as a new `src/schemas/<name>.ts`. A name the module already binds
// is refused; nothing is overwritten.
import type { FileView } from '../files';
import { parseFieldSpec, SpecError, type FieldSpec } from '../spec/fields';
import { inferFieldSpec } from '../spec/jsonSample';
import { resourceNames, type ResourceNames } from '../spec/names';
import { InputError, checkResourceName } from '../spec/resource';
import { firstTsSyntaxError, lineEnd, parseTs, planImports, topLevelNames, tsStyle, type TsStyle } from '../ts/edit';
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

const DEFAULT_STR_LENGTH = 255;

/** The zod expression of one field (without optionality and default). */
function zodType(f: FieldSpec, z: string, q: (s: string) => string): string {
  const bounds = (expr: string) => `${expr}${f.min !== undefined ? `.min(${f.min})` : ''}${f.max !== undefined ? `.max(${f.max})` : ''}`;
  switch (f.type.kind) {
    case 'str':
      return `${z}.string()${f.min !== undefined ? `.min(${f.min})` : ''}.max(${f.max ?? DEFAULT_STR_LENGTH})`;
    case 'text':
      return bounds(`${z}.string()`);
    case 'email':
      return bounds(`${z}.email()`);
    case 'url':
      return bounds(`${z}.url({ protocol: /^https?$/ })`);
    case 'int':
      return bounds(`${z}.number().int()`);
    case 'float':
      return bounds(`${z}.number()`);
    case 'decimal':
      // Exact decimals travel as strings (pg returns numeric columns as strings too).
      return `${z}.string().regex(/^-?\\d{1,10}(\\.\\d{1,2})?$/)`;
    case 'bool':
      return `${z}.boolean()`;
    case 'date':
      return `${z}.iso.date()`;
    case 'datetime':
      return `${z}.iso.datetime({ offset: true })`;
    case 'uuid':
      return `${z}.uuid()`;
    case 'json':
      return `${z}.json()`;
    case 'enum':
      return `${z}.enum([${f.type.values.map(q).join(', ')}])`;
    case 'list':
      return bounds(`${z}.array(${z}.string())`);
    case 'ref':
      return `${z}.number().int()`;
  }
}

function zodDefault(f: FieldSpec, q: (s: string) => string): string {
  const d = f.default;
  if (!d) return '';
  if (d.kind === 'factory') {
    const make = d.factory === 'now' ? 'new Date().toISOString()' : d.factory === 'today' ? 'new Date().toISOString().slice(0, 10)' : 'crypto.randomUUID()';
    return `.default(() => ${make})`;
  }
  const v = d.value;
  if (typeof v === 'string') return `.default(${q(v)})`;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return `.default(${JSON.stringify(v)})`;
  // A fresh array or object per parse, never one shared instance.
  return Array.isArray(v) ? `.default(() => ${JSON.stringify(v)})` : `.default(() => (${JSON.stringify(v)}))`;
}

/** The family's source: Create (strict: unknown keys are a 422), Update (every field optional), Public, and their types. */
export function emitZodFamily(
  names: ResourceNames, fields: readonly FieldSpec[], style: TsStyle, z: string, withId: boolean,
  /** JSON keys as a sample wrote them (field name -> key); default: the field names. */
  keys?: ReadonlyMap<string, string>,
): { text: string; definedNames: string[] } {
  const q = (s: string) => `${style.quote}${s.replace(/\\/g, '\\\\').replace(new RegExp(style.quote, 'g'), `\\${style.quote}`)}${style.quote}`;
  const semi = style.semi ? ';' : '';
  const i = style.indent;
  const eol = style.eol;
  const key = (field: string) => {
    const name = keys?.get(field) ?? field;
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : q(name);
  };
  const entries = fields.map((f) => `${i}${key(f.name)}: ${zodType(f, z, q)}${f.optional ? '.nullish()' : ''}${zodDefault(f, q)},`);
  // No defaults in Update: a field left out of a PATCH stays as it is; null only clears an optional field.
  const updates = fields.map((f) => `${i}${key(f.name)}: ${zodType(f, z, q)}${f.optional ? '.nullish()' : '.optional()'},`);
  const C = names.className;
  const lines = [
    `/** Body of POST and PUT (a full replacement); unknown keys are refused. */`,
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
    `/** What the API answers with. */`,
    withId ? `export const ${C}Public = ${z}.object({ id: ${z}.number().int(), ...${C}Create.shape })${semi}` : `export const ${C}Public = ${z}.object(${C}Create.shape)${semi}`,
    `export type ${C}Public = ${z}.infer<typeof ${C}Public>${semi}`,
  ];
  return { text: lines.join(eol) + eol, definedNames: [`${C}Create`, `${C}Update`, `${C}Public`] };
}

/** Plan a zod DTO family. Throws InputError (bad input) or PlanError (project state). */
export async function planAddZodDto(view: FileView, input: AddZodDtoInput): Promise<{ plan: EditPlan; fields: string }> {
  let names: ResourceNames;
  try {
    names = checkResourceName(input.name);
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
    fields = parseFieldSpec(fieldText, new Set([...resources, names.className]));
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
  const original = await view.readFile(module);
  let change: FileChange;
  let result: string;
  let definedNames: string[];
  if (original === undefined) {
    const style: TsStyle = { eol: '\n', quote: "'", semi: true, indent: '  ' };
    const family = emitZodFamily(names, fields, style, 'z', withId, keys);
    definedNames = family.definedNames;
    result = `// Request and response schemas for ${names.wordsPlural}.\nimport { z } from 'zod';\n\n${family.text}`;
    change = { kind: 'create', path: module, content: result };
  } else {
    const syntax = await firstTsSyntaxError(module, original);
    if (syntax) throw new PlanError(`${module} has a syntax error at line ${syntax.line}, column ${syntax.column} (${syntax.message}); fix it first, then run again`);
    const parsed = await parseTs(module, original);
    const style = tsStyle(parsed);
    const bound = topLevelNames(parsed);
    const probe = emitZodFamily(names, fields, style, 'z', withId, keys);
    const clash = probe.definedNames.filter((n) => bound.has(n));
    if (clash.length > 0) throw new InputError('name', `${module} already defines ${clash.join(', ')}; choose another DTO name`);
    let imports;
    try {
      imports = planImports(parsed, module, [{ module: 'zod', name: 'z', namespaceIsName: true }], style);
    } catch (error) {
      throw new PlanError((error as Error).message);
    }
    const z = imports.refs.get('zod#z') ?? 'z';
    const family = emitZodFamily(names, fields, style, z, withId, keys);
    definedNames = family.definedNames;
    // Appended after the module's last statement (and its trailing comment), one blank line apart.
    const statements = parsed.file.getStatements();
    const last = statements[statements.length - 1];
    const at = last ? lineEnd(original, last.getEnd()) : original.length;
    const lead = at === original.length && original.length > 0 && !original.endsWith('\n') ? style.eol : '';
    const edits = mergeInserts([...imports.edits, { start: at, end: at, text: `${lead}${at > 0 ? style.eol : ''}${family.text}` }]);
    result = applyEdits(original, edits);
    change = { kind: 'modify', path: module, original, edits };
  }
  const after = await firstTsSyntaxError(module, result);
  if (after) throw new PlanError(`internal: the planned ${module} would not parse (line ${after.line}, column ${after.column}: ${after.message})`);
  notes.unshift(`${definedNames.join(', ')} in ${module}`);
  const focus = result.indexOf(`export const ${names.className}Create`);
  return { plan: { changes: [change], notes, focus: { path: module, offset: Math.max(0, focus) } }, fields: fieldText };
}
