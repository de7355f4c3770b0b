// Backend: Add DTO… — a Pydantic model family from a field spec (validated
// while typing, like New Resource) or from a JSON sample taken from the
// selection or the clipboard; inserted into the schemas module the user
// picks (the model's own module by default, or a new one).
import * as vscode from 'vscode';
import { checkResourceName, defaultDtoModule, fieldSpecSchema, inferFieldSpec, planAddDto, readFastApiProject } from '../../core/index';
import { addZodDto } from './addZodDto';
import { applyAndReveal, firstIssue, projectCommand, type CommandContext } from './common';

const TITLE = 'Add DTO';
type Source = 'spec' | 'selection' | 'clipboard';

export function addDtoCommand(ctx: CommandContext): () => Promise<void> {
  return projectCommand(ctx, TITLE, async (session) => {
    if (session.target.framework === 'express') return addZodDto(ctx, session);
    const { input, target, view } = session;
    const project = await readFastApiProject(view);
    const models = new Set(project.models.map((m) => m.className));

    const name = await input.inputBox({
      id: 'dto.name',
      title: `${TITLE} (1/4): name`,
      prompt: 'Name of the model family, e.g. Address -> AddressBase, AddressCreate, AddressUpdate, AddressPublic',
      validate: (value) => {
        try {
          checkResourceName(value);
          return undefined;
        } catch (error) {
          return (error as Error).message.replace(/resource name/g, 'DTO name');
        }
      },
    });
    if (name === undefined) return;

    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const source = await input.quickPick<Source>({
      id: 'dto.source',
      title: `${TITLE} (2/4): fields from`,
      placeHolder: 'Where the fields come from',
      items: [
        { label: 'Field spec…', description: 'name:type[?][=default][:modifier…]', value: 'spec' },
        ...(selection.trim() ? [{ label: 'JSON sample in the selection', description: `${selection.length} characters`, value: 'selection' as const }] : []),
        { label: 'JSON sample on the clipboard', value: 'clipboard' },
      ],
      active: selection.trim().startsWith('{') || selection.trim().startsWith('[') ? 'selection' : 'spec',
    });
    if (!source) return;

    let fields: string | undefined;
    let json: string | undefined;
    if (source === 'spec') {
      const schema = fieldSpecSchema(models);
      fields = await input.inputBox({
        id: 'dto.fields',
        title: `${TITLE} (3/4): fields`,
        prompt: 'Fields: name:type[?][=default][:modifier…] — e.g. street:str city:str zip:str?',
        validate: (value) => firstIssue(schema.safeParse(value)),
      });
      if (fields === undefined) return;
    } else {
      json = source === 'selection' ? selection : await input.readClipboard();
      // Fail before asking anything else: the error names line and column of the sample.
      const inferred = inferFieldSpec(json);
      ctx.log.info(`${TITLE}: fields inferred from the JSON sample: ${inferred.spec}`);
    }

    const fallback = defaultDtoModule(name);
    const modules = [...project.existing].filter((p) => /^app\/schemas\/[a-z_][a-z0-9_]*\.py$/.test(p) && !p.endsWith('/__init__.py') && p !== 'app/schemas/common.py').sort();
    const module = await input.quickPick<string>({
      id: 'dto.module',
      title: `${TITLE} (4/4): module`,
      placeHolder: 'Schemas module to add the models to',
      items: [
        ...(modules.includes(fallback) ? [] : [{ label: fallback.replace(/^app\/schemas\//, ''), description: 'new module', value: fallback }]),
        ...modules.map((p) => ({ label: p.replace(/^app\/schemas\//, ''), description: p, value: p })),
      ],
      active: fallback,
    });
    if (!module) return;

    const { plan } = await planAddDto(view, { name, module, ...(fields !== undefined ? { fields } : {}), ...(json !== undefined ? { json } : {}) });
    await applyAndReveal(ctx, target, plan, `Add DTO ${name.trim()}`);
  });
}
