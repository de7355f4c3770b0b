// The first three steps Add DTO… asks in every framework: the family's name
// (validated while typing), where the fields come from (a field spec, a JSON
// sample in the selection or on the clipboard), and the field spec itself or
// the sample (its errors reported before anything else is asked).
import * as vscode from 'vscode';
import { checkResourceName, inferFieldSpec, type Target } from '../../core/index';
import type { InputFacade } from '../input';
import type { CommandContext } from './common';

export const DTO_TITLE = 'Add DTO';
type Source = 'spec' | 'selection' | 'clipboard';

export interface DtoAnswers {
  readonly name: string;
  readonly fields?: string;
  readonly json?: string;
  /** The editor that was active when the command started (its module is preselected by some frameworks). */
  readonly editor: vscode.TextEditor | undefined;
}

export interface DtoQuestions {
  /** What the name box says (the family the framework writes). */
  readonly namePrompt: string;
  readonly target: Target;
  /** The first problem of a field spec, for the family `name`; undefined when it is valid. */
  readonly fieldIssue: (value: string, name: string) => string | undefined;
}

/** Undefined when the user pressed Escape at any step. */
export async function askDtoFields(ctx: CommandContext, input: InputFacade, questions: DtoQuestions): Promise<DtoAnswers | undefined> {
  const name = await input.inputBox({
    id: 'dto.name',
    title: `${DTO_TITLE} (1/4): name`,
    prompt: questions.namePrompt,
    validate: (value) => {
      try {
        checkResourceName(value, questions.target);
        return undefined;
      } catch (error) {
        return (error as Error).message.replace(/resource name/g, 'DTO name');
      }
    },
  });
  if (name === undefined) return undefined;

  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  const source = await input.quickPick<Source>({
    id: 'dto.source',
    title: `${DTO_TITLE} (2/4): fields from`,
    placeHolder: 'Where the fields come from',
    items: [
      { label: 'Field spec…', description: 'name:type[?][=default][:modifier…]', value: 'spec' },
      ...(selection.trim() ? [{ label: 'JSON sample in the selection', description: `${selection.length} characters`, value: 'selection' as const }] : []),
      { label: 'JSON sample on the clipboard', value: 'clipboard' },
    ],
    active: selection.trim().startsWith('{') || selection.trim().startsWith('[') ? 'selection' : 'spec',
  });
  if (!source) return undefined;

  if (source === 'spec') {
    const fields = await input.inputBox({
      id: 'dto.fields',
      title: `${DTO_TITLE} (3/4): fields`,
      prompt: 'Fields: name:type[?][=default][:modifier…] — e.g. street:str city:str zip:str?',
      validate: (value) => questions.fieldIssue(value, name),
    });
    return fields === undefined ? undefined : { name, fields, editor };
  }
  const json = source === 'selection' ? selection : await input.readClipboard();
  // Fail before asking anything else: the error names line and column of the sample.
  const inferred = inferFieldSpec(json);
  ctx.log.info(`${DTO_TITLE}: fields inferred from the JSON sample: ${inferred.spec}`);
  return { name, json, editor };
}
