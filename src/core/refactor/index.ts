// Which refactors apply at a cursor (for the editor's lightbulb), from one
// parse of the file; each offer is planned on demand by its planner.
import type { ProjectFacts } from '../analysis/project';
import { mayHaveRoutes } from '../analysis/python/pyfile';
import type { SchemaClassInfo } from '../project/fastapi';
import { parseForRefactor, routeAt } from './common';
import { dictBodyAt } from './extractModel';
import { tableClasses } from './modelFields';
import { authEdit, responseModelCandidates } from './routeRefactors';

export type RefactorId = 'crud-slice' | 'extract-model' | 'add-auth' | 'add-response-model';

export interface RefactorOffer {
  readonly id: RefactorId;
  readonly title: string;
  /** VS Code code action kind. */
  readonly kind: 'refactor.rewrite' | 'refactor.extract';
  /** For add-response-model: the class and expression to add; neither means "pick one". */
  readonly className?: string;
  readonly expression?: string;
}

export interface OfferContext {
  /** Project facts (auth dependencies); without them Add auth dependency is not offered. */
  readonly facts?: ProjectFacts;
  /** The project's schema classes, read only when the cursor is on a route. */
  readonly schemaClasses?: () => Promise<readonly SchemaClassInfo[]>;
}

/** A cheap text test: can the file hold anything a refactor applies to? */
export function mayOfferRefactors(source: string): boolean {
  return source.includes('__tablename__') || /table\s*=\s*True/.test(source) || mayHaveRoutes(source);
}

/** The refactors that apply at `cursor` (an offset into `source`). Never throws for a file it cannot read: it offers nothing. */
export async function refactorOffers(path: string, source: string, cursor: number, context: OfferContext = {}): Promise<RefactorOffer[]> {
  if (!mayOfferRefactors(source)) return [];
  let file;
  try {
    file = await parseForRefactor(path, source);
  } catch {
    return []; // a syntax error: nothing to offer until it is fixed
  }
  try {
    const at = cursor - file.bom;
    const offers: RefactorOffer[] = [];
    const model = tableClasses(file.tree.rootNode).find((c) => c.statement.startIndex <= at && at <= c.statement.endIndex);
    if (model) offers.push({ id: 'crud-slice', title: `Generate CRUD slice for ${model.name}`, kind: 'refactor.rewrite' });
    const route = routeAt(file.py, at);
    const body = route?.fn.childForFieldName('body');
    // Route refactors on the decorators and the signature, not on every line of the body.
    if (route && body && at < body.startIndex) {
      const dict = dictBodyAt(file.py, at);
      if (dict) offers.push({ id: 'extract-model', title: `Extract Pydantic model from ${dict.param.name}`, kind: 'refactor.extract' });
      if (context.facts) {
        const auth = authEdit(file, route, context.facts);
        if (!('refusal' in auth)) offers.push({ id: 'add-auth', title: auth.title, kind: 'refactor.rewrite' });
      }
      if (context.schemaClasses && !/\bresponse_model\s*=/.test(route.decorator.text)) {
        const candidates = responseModelCandidates(file, route, await context.schemaClasses());
        for (const c of candidates) offers.push({ id: 'add-response-model', title: `Add response model ${c.expression}`, kind: 'refactor.rewrite', className: c.className, expression: c.expression });
        offers.push({ id: 'add-response-model', title: 'Add response model…', kind: 'refactor.rewrite' });
      }
    }
    return offers;
  } finally {
    file.tree.delete();
  }
}

export { planCrudSlice, type CrudSliceInput } from './crudSlice';
export { planExtractModel, type ExtractModelInput } from './extractModel';
export { planAddAuthDependency, planAddResponseModel, type RouteRefactorInput, type ResponseModelChoice } from './routeRefactors';
