// VS Code snippets made from the same emitters the commands use, so the
// snippets can never drift from generated code: a resource is emitted under
// a sentinel name, then the sentinel's name forms become linked tab stops.
import { parseFieldSpec } from '../../spec/fields';
import { resourceNames } from '../../spec/names';
import type { ResourceSpec } from '../../spec/resource';
import { emitModel, emitRepository, emitRouter, emitSchemas } from './resource';

export interface Snippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

const SENTINEL = 'ZqxWidget';

/** Sentinel name forms -> tab stops, longest first so no form eats another. */
function tabStops(): [string, string][] {
  const n = resourceNames(SENTINEL);
  return [
    [n.classPlural, '${2:Items}'],
    [n.className, '${1:Item}'],
    [n.snakePlural, '${4:items}'],
    [n.kebabPlural, '${5:items}'],
    [n.wordsPlural, '${4:items}'],
    [n.snake, '${3:item}'],
    [n.words, '${3:item}'],
    // "Zqx widget not found": the class name reads well enough there.
    [n.words.charAt(0).toUpperCase() + n.words.slice(1), '${1:Item}'],
  ];
}

function toSnippetBody(code: string): string[] {
  // Escape snippet syntax first, then put the tab stops in.
  let text = code.replace(/\\/g, '\\\\').replace(/\$/g, '\\$');
  for (const [form, stop] of tabStops()) text = text.split(form).join(stop);
  return text.replace(/\n$/, '').split('\n');
}

export function fastapiSnippets(): Record<string, Snippet> {
  const spec: ResourceSpec = {
    names: resourceNames(SENTINEL),
    fields: parseFieldSpec('name:str:max=120 description:text?'),
    auth: 'writes',
  };
  return {
    'FastAPI CRUD router': {
      prefix: 'fastapi-crud-router',
      description: 'backend-skill: APIRouter with create/list/get/replace/update/delete, auth on writes, 404/409 handling',
      body: toSnippetBody(emitRouter(spec)),
    },
    'FastAPI DTO family': {
      prefix: 'fastapi-dto',
      description: 'backend-skill: Pydantic v2 Base/Create/Update/Public/list models',
      body: toSnippetBody(emitSchemas(spec)),
    },
    'SQLAlchemy model': {
      prefix: 'fastapi-model',
      description: 'backend-skill: SQLAlchemy 2.0 declarative model with Mapped[] columns',
      body: toSnippetBody(emitModel(spec, [])),
    },
    'Repository class': {
      prefix: 'fastapi-repository',
      description: 'backend-skill: repository over the generic async Repository base',
      body: toSnippetBody(emitRepository(spec, [])),
    },
  };
}
