// Refactors in the lightbulb (code action kinds refactor.rewrite and
// refactor.extract): Generate CRUD slice on a table class, Extract Pydantic
// model on a dict body, Add auth dependency and Add response model on a route.
// Offering parses the document on request only (nothing at activation); each
// action carries a command that plans the refactor when chosen and applies it
// through the same path as the commands (one undo step, the refactor preview
// when backendSkill.previewEdits is on).
import * as vscode from 'vscode';
import {
  mayOfferRefactors, PlanError, planAddAuthDependency, planAddResponseModel, planExtractModel, planGeneration, readFastApiProject, readSchemaClasses,
  refactorOffers, type EditPlan, type FileView, type ProjectFacts, type RefactorOffer,
} from '../core/index';
import { relativeTo } from './project';
import { readSettings, type Settings } from './settings';
import { workspaceFileView } from './workspaceFiles';
import { applyAndReveal, guarded, type CommandContext } from './commands/common';

/** What a chosen code action hands to the command. */
export interface RefactorRequest {
  readonly uri: string;
  readonly offer: RefactorOffer;
  readonly cursor: number;
  /** The document version the offer (and its cursor offset) belongs to. */
  readonly version: number;
}

type FactsOf = (folder: vscode.WorkspaceFolder) => Promise<ProjectFacts>;

interface Where {
  readonly folder: vscode.WorkspaceFolder;
  /** The FastAPI project root: the folder holding the document's `app/` package (or backendSkill.projectFolder). */
  readonly root: vscode.Uri;
  /** The document's path relative to `root`. */
  readonly path: string;
  /** The document's path relative to the workspace folder (what project facts are keyed by). */
  readonly folderPath: string;
  readonly settings: Settings;
}

function locate(uri: vscode.Uri, log: vscode.LogOutputChannel): Where | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const folderPath = relativeTo(folder.uri, uri);
  if (!folderPath) return undefined;
  const settings = readSettings(folder.uri, log);
  let root = folder.uri;
  if (settings.projectFolder) root = vscode.Uri.joinPath(folder.uri, ...settings.projectFolder.split('/').filter(Boolean));
  else {
    const at = folderPath.startsWith('app/') ? 0 : folderPath.lastIndexOf('/app/') + 1;
    if (at > 0) root = vscode.Uri.joinPath(folder.uri, ...folderPath.slice(0, at - 1).split('/'));
  }
  const path = relativeTo(root, uri) ?? folderPath;
  return { folder, root, path, folderPath, settings };
}

const KINDS: Record<RefactorOffer['kind'], vscode.CodeActionKind> = {
  'refactor.rewrite': vscode.CodeActionKind.RefactorRewrite,
  'refactor.extract': vscode.CodeActionKind.RefactorExtract,
};

export class RefactorCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorRewrite, vscode.CodeActionKind.RefactorExtract];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly facts: FactsOf,
    private readonly command: string,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const only = context.only;
    if (only && !RefactorCodeActions.kinds.some((k) => only.contains(k) || k.contains(only))) return [];
    const text = document.getText();
    if (!mayOfferRefactors(text)) return [];
    const where = locate(document.uri, this.log);
    if (!where) return [];
    const cursor = document.offsetAt(range.start);
    try {
      const view = workspaceFileView(where.root);
      const facts = await this.facts(where.folder);
      // Auth offers are decided with the folder-relative path the project facts use.
      const offers = await refactorOffers(where.folderPath, text, cursor, {
        facts,
        schemaClasses: async () => readSchemaClasses(view, await readFastApiProject(view)),
      });
      if (token.isCancellationRequested || document.getText() !== text) return [];
      return offers.map((offer) => {
        const action = new vscode.CodeAction(offer.title, KINDS[offer.kind]);
        const request: RefactorRequest = { uri: document.uri.toString(), offer, cursor, version: document.version };
        action.command = { command: this.command, title: offer.title, arguments: [request] };
        return action;
      });
    } catch (error) {
      this.log.warn(`refactors: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }
}

/** Plan the chosen refactor against the current text (the document may have changed since it was offered). */
/**
 * The project's files with the refactored document read from the editor (its
 * text is what the offer's cursor counts in, saved or not); the rest as
 * workspaceFileView reads them.
 */
function documentFirstView(root: vscode.Uri, document: vscode.TextDocument): FileView {
  const files = workspaceFileView(root);
  const own = relativeTo(root, document.uri);
  return {
    readFile: async (path) => (path === own && !document.isClosed ? document.getText() : files.readFile(path)),
    listDir: (dir) => files.listDir(dir),
    listDirs: (dir) => files.listDirs?.(dir) ?? Promise.resolve([]),
  };
}

async function planFor(ctx: CommandContext, request: RefactorRequest, where: Where, facts: FactsOf, document: vscode.TextDocument): Promise<{ plan: EditPlan; root: vscode.Uri } | undefined> {
  const view = documentFirstView(where.root, document);
  const { offer, cursor } = request;
  switch (offer.id) {
    case 'crud-slice':
      // Through the generation entry: our layout or the project's own style, as New Resource decides.
      return { plan: (await planGeneration(view, { kind: 'crud-slice', modelPath: where.path, cursor, auth: where.settings.defaultAuth })).plan, root: where.root };
    case 'extract-model':
      return { plan: await planExtractModel(view, { path: where.path, cursor }), root: where.root };
    case 'add-auth': {
      const folderView = documentFirstView(where.folder.uri, document);
      return { plan: await planAddAuthDependency(folderView, { path: where.folderPath, cursor, facts: await facts(where.folder) }), root: where.folder.uri };
    }
    case 'add-response-model': {
      const classes = await readSchemaClasses(view, await readFastApiProject(view));
      let className = offer.className;
      let expression = offer.expression;
      if (!className) {
        const picked = await ctx.input().quickPick({
          id: 'responseModel.class',
          title: 'Add Response Model',
          placeHolder: 'Response model for this route',
          items: classes.map((c) => ({ label: c.className, description: c.path, value: c.className })),
        });
        if (!picked) return undefined;
        className = picked;
        expression = picked;
      }
      return { plan: await planAddResponseModel(view, { path: where.path, cursor, classes, className, ...(expression ? { expression } : {}) }), root: where.root };
    }
  }
}

/** Register the provider and the command its actions run. */
/** `command`: the id of the (palette-hidden) command the code actions run. */
export function registerRefactors(ctx: CommandContext, facts: FactsOf, command: string): vscode.Disposable {
  const run = (request: RefactorRequest) =>
    guarded(ctx, request.offer.title, async () => {
      const uri = vscode.Uri.parse(request.uri);
      const where = locate(uri, ctx.log);
      if (!where) throw new Error(`${uri.fsPath} is not inside a workspace folder`);
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.version !== request.version) {
        throw new PlanError(`${where.path} changed since the refactor was offered; open the lightbulb again`);
      }
      // Another file of the plan edited between planning and applying is planned again, once.
      for (let attempt = 0; ; attempt++) {
        const planned = await planFor(ctx, request, where, facts, document);
        if (!planned) return;
        try {
          await applyAndReveal(ctx, { folder: where.folder, root: planned.root, settings: where.settings, framework: 'fastapi' }, planned.plan, request.offer.title);
          return;
        } catch (error) {
          if (attempt > 0 || !(error instanceof Error) || !/changed while planning/.test(error.message)) throw error;
          if (document.version !== request.version) throw new PlanError(`${where.path} changed while the refactor was planned; open the lightbulb again`);
          ctx.log.info(`${request.offer.title}: a file changed while planning; planning again`);
        }
      }
    });
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new RefactorCodeActions(ctx.log, facts, command), { providedCodeActionKinds: RefactorCodeActions.kinds }),
    vscode.commands.registerCommand(command, run),
  );
}
