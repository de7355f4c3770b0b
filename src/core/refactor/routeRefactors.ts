// Refactors on a route handler. Add auth dependency: the project's own auth
// dependency (found by the same project facts and auth model that power the
// missing-auth rule) as a parameter (`current_user: CurrentUserDep`), or in
// the route's `dependencies=[Depends(get_current_user)]` when the project has
// no Annotated alias. Add response model: `response_model=XPublic` from the
// response classes whose name matches what the handler returns.
import type { FileView } from '../files';
import { moduleOfPath, type ProjectFacts } from '../analysis/project';
import { keywordArg, named, type Route } from '../analysis/python/pyfile';
import { addKeywordArgument, addParameter, appendToList, authIndex, preferredAuth, routeAuth, type AnalysedFile } from '../analysis/python/routes';
import { PlanError } from '../plan/fastapi';
import type { EditPlan, TextEdit } from '../plan/editPlan';
import type { SchemaClassInfo } from '../project/fastapi';
import { pluralize, splitWords } from '../request/names';
import { boundAtTop, checkedPlan, fileChange, parseForRefactor, pascal, routeAt, type ImportNeed, type ParsedFile } from './common';

export interface RouteRefactorInput {
  readonly path: string;
  readonly cursor: number;
}

async function withRoute<T>(view: FileView, input: RouteRefactorInput, body: (file: ParsedFile, route: Route) => Promise<T>): Promise<T> {
  const original = await view.readFile(input.path);
  if (original === undefined) throw new PlanError(`${input.path} does not exist`);
  const file = await parseForRefactor(input.path, original);
  try {
    const route = routeAt(file.py, input.cursor - file.bom);
    if (!route) throw new PlanError(`no route handler at the cursor in ${input.path}; put the cursor on a function decorated with @router.get/post/...`);
    return await body(file, route);
  } finally {
    file.tree.delete();
  }
}

/** What Add auth dependency would add to a route, or why it does not apply. */
export function authEdit(file: ParsedFile, route: Route, facts: ProjectFacts): { title: string; edits: TextEdit[]; imports: ImportNeed[] } | { refusal: string } {
  const analysed: AnalysedFile = { py: file.py, path: file.path, project: facts };
  const index = authIndex(analysed);
  if (!index.enabled) return { refusal: 'the project has no auth dependency (such as get_current_user or a CurrentUserDep alias); add one first' };
  const auth = routeAuth(route, analysed, index);
  if (auth.status === 'protected') return { refusal: `${route.name} already requires authentication (${auth.reason})` };
  const { alias, fn } = preferredAuth(index);
  const here = moduleOfPath(file.path);
  const importOf = (name: string): ImportNeed[] => {
    const dep = index.names.get(name);
    return dep && dep.module !== here && !boundAtTop(file, name) ? [{ module: dep.module, name }] : [];
  };
  if (alias) {
    const taken = new Set(route.params.map((p) => p.name));
    let name = 'current_user';
    while (taken.has(name)) name = `_${name}`;
    const edit = addParameter(file.source, route.fn, `${name}: ${alias.name}`, false);
    if (edit) return { title: `Add auth dependency (${name}: ${alias.name})`, edits: [edit], imports: importOf(alias.name) };
  }
  if (fn) {
    const call = `Depends(${fn.name})`;
    const list = keywordArg(route.decorator, 'dependencies');
    const edit = list ? appendToList(list, call) : addKeywordArgument(file.source, route.decorator, `dependencies=[${call}]`);
    if (edit) return { title: `Add auth dependency (dependencies=[${call}])`, edits: [edit], imports: [{ module: 'fastapi', name: 'Depends' }, ...importOf(fn.name)] };
  }
  return { refusal: `cannot add ${alias?.name ?? fn?.name ?? 'the auth dependency'} to ${route.name} (an unusual parameter list or decorator)` };
}

export async function planAddAuthDependency(view: FileView, input: RouteRefactorInput & { readonly facts: ProjectFacts }): Promise<EditPlan> {
  return withRoute(view, input, async (file, route) => {
    const result = authEdit(file, route, input.facts);
    if ('refusal' in result) throw new PlanError(result.refusal);
    const change = await fileChange(file, result.edits, result.imports);
    return checkedPlan({ changes: [change], notes: [`${route.name}: ${result.title.replace(/^Add auth dependency /, 'now requires ')}`] }, view);
  });
}

// ---- Add response model -----------------------------------------------------------

const SUFFIXES = /(Repository|Repo|Create|Update|Replace|Public|Base|In|Out|Body|Read|Model|Schema|Service)$/;

/** Resource stems the handler talks about: classes it uses, its return annotation, its name and path. */
function stems(route: Route): Set<string> {
  const out = new Set<string>();
  const add = (cls: string) => {
    const stem = cls.replace(SUFFIXES, '');
    if (stem.length > 1) out.add(stem);
  };
  const ret = route.fn.childForFieldName('return_type');
  for (const m of (ret?.text ?? '').matchAll(/\b[A-Z][A-Za-z0-9]*\b/g)) add(m[0]);
  const body = route.fn.childForFieldName('body');
  for (const id of body?.descendantsOfType('identifier') ?? []) if (id && /^[A-Z][a-z]\w*$/.test(id.text)) add(id.text);
  for (const p of route.params) for (const m of (p.annotation?.text ?? '').matchAll(/\b[A-Z][A-Za-z0-9]*\b/g)) add(m[0]);
  // `get_book`, `list_books`, `/books/{book_id}`: the nouns, singular.
  const words = splitWords(route.name).slice(1);
  if (words.length > 0) {
    add(pascal(words.join('_')).replace(/ies$/, 'y').replace(/s$/, ''));
  }
  for (const seg of (route.path ?? '').split('/')) {
    if (!seg || seg.startsWith('{')) continue;
    const noun = pascal(seg.replace(/-/g, '_'));
    add(noun.replace(/ies$/, 'y').replace(/s$/, ''));
  }
  return out;
}

/** Does the handler return a list (annotation, `list_*` name, or a list literal/comprehension returned)? */
function returnsList(route: Route): boolean {
  const ret = route.fn.childForFieldName('return_type')?.text ?? '';
  if (/^(list|List|Sequence|typing\.List)\[/.test(ret)) return true;
  if (ret) return false;
  if (/^list_/.test(route.name)) return true;
  return (route.fn.childForFieldName('body')?.descendantsOfType('return_statement') ?? []).some((r) => {
    const v = r ? named(r)[0] : undefined;
    return v?.type === 'list' || v?.type === 'list_comprehension';
  });
}

export interface ResponseModelChoice {
  /** The class to use, e.g. `BookPublic`. */
  readonly className: string;
  /** Its module path (`app/schemas/book.py`); undefined for a class of the same file. */
  readonly path: string | undefined;
  /** The expression written: `BookPublic` or `list[BookPublic]`. */
  readonly expression: string;
}

/**
 * Response classes that fit the handler: `XPublic` (or `XsPublic` for a
 * paginated list) for every resource X it mentions, best first. Empty when
 * the route already declares one.
 */
export function responseModelCandidates(file: ParsedFile, route: Route, classes: readonly SchemaClassInfo[]): ResponseModelChoice[] {
  if (keywordArg(route.decorator, 'response_model')) return [];
  const local: SchemaClassInfo[] = [];
  for (const stmt of named(file.tree.rootNode)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const name = def?.type === 'class_definition' ? def.childForFieldName('name')?.text : undefined;
    if (name) local.push({ className: name, path: file.path });
  }
  const all = [...local, ...classes.filter((c) => !local.some((l) => l.className === c.className))];
  const list = returnsList(route);
  const out: ResponseModelChoice[] = [];
  for (const stem of stems(route)) {
    const single = all.find((c) => c.className === `${stem}Public`);
    const page = all.find((c) => c.className === `${pluralize(stem)}Public` || c.className === `${stem}sPublic`);
    const add = (c: SchemaClassInfo, expression: string) => {
      if (!out.some((o) => o.expression === expression)) out.push({ className: c.className, path: c.path === file.path ? undefined : c.path, expression });
    };
    if (list && single) add(single, `list[${single.className}]`);
    if (single && !list) add(single, single.className);
    if (list && page && page !== single) add(page, page.className);
  }
  return out;
}

export async function planAddResponseModel(
  view: FileView,
  input: RouteRefactorInput & { readonly classes: readonly SchemaClassInfo[]; readonly className?: string; readonly expression?: string },
): Promise<EditPlan> {
  return withRoute(view, input, async (file, route) => {
    const existing = keywordArg(route.decorator, 'response_model');
    if (existing) throw new PlanError(`${route.name} already declares response_model=${existing.text}`);
    let choice: ResponseModelChoice | undefined;
    if (input.className) {
      const cls = input.classes.find((c) => c.className === input.className) ?? (boundAtTop(file, input.className) ? { className: input.className, path: file.path } : undefined);
      if (!cls) throw new PlanError(`no class ${input.className} in the project's schemas`);
      choice = { className: cls.className, path: cls.path === file.path ? undefined : cls.path, expression: input.expression ?? cls.className };
    } else {
      const candidates = responseModelCandidates(file, route, input.classes);
      if (candidates.length === 0) throw new PlanError(`no response class matches what ${route.name} returns (looked for XPublic of the resources it uses); pick a class`);
      choice = candidates[0]!;
    }
    const edit = addKeywordArgument(file.source, route.decorator, `response_model=${choice.expression}`);
    if (!edit) throw new PlanError(`cannot add response_model to the decorator of ${route.name}`);
    const imports: ImportNeed[] = choice.path ? [{ module: moduleOfPath(choice.path), name: choice.className }] : [];
    const change = await fileChange(file, [edit], imports);
    return checkedPlan({ changes: [change], notes: [`${route.name}: response_model=${choice.expression}`] }, view);
  });
}
