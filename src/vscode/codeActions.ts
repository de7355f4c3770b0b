// Quick fixes for backend-skill diagnostics. The fixes are computed at request
// time (live diagnostics skip them to stay fast): the document is analysed
// again with fixes on, for the rules of the diagnostics in the request only,
// and each finding is matched to its diagnostic by rule id and range. Every
// finding offers "Ignore <rule> on this line" (added by the engine).
import * as vscode from 'vscode';
import { fixToWorkspaceEdit, findingRange } from './analysisEdits';
import { placementOf } from './analysisWorkspace';
import { documentLanguage, SOURCE, type EditorAnalyzer } from './diagnostics';

const ruleOf = (diagnostic: vscode.Diagnostic): string | undefined => {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
};

export class AnalysisCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analysis: EditorAnalyzer) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === SOURCE && ruleOf(d) !== undefined);
    if (ours.length === 0) return [];
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const placement = placementOf(document.uri);
    const text = document.getText();
    // Fixes only for the findings under the request (a file with many findings stays fast).
    const fixesIn = { start: Math.min(...ours.map((d) => document.offsetAt(d.range.start))), end: Math.max(...ours.map((d) => document.offsetAt(d.range.end))) };
    const result = await this.analysis.analyze(placement, text, { fixes: true, fixesIn, only: [...new Set(ours.map((d) => ruleOf(d)!))], document: document.uri.toString(), language: documentLanguage(document) });
    if (!result || token.isCancellationRequested || document.getText() !== text) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const rule = ruleOf(diagnostic);
      const finding = result.findings.find((f) => f.rule === rule && findingRange(document, f).isEqual(diagnostic.range));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const edit = await fixToWorkspaceEdit(document, placement, fix.plan);
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
