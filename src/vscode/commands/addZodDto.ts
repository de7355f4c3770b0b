// Backend: Add DTO… in an Express project — a zod schema family (XCreate,
// XUpdate, XPublic and their z.infer types) from a field spec (validated while
// typing, TypeScript reserved words included) or a JSON sample from the
// selection or the clipboard (its keys kept as written); into a new
// src/schemas module or an existing one the user picks.
import * as vscode from 'vscode';
import { checkResourceName, defaultZodDtoModule, inferFieldSpec, planAddZodDto, zodResourceNames } from '../../core/index';
import { applyAndReveal, type CommandContext, type ProjectSession } from './common';
import { expressFieldIssue } from './newResource';

const TITLE = 'Add DTO';
type Source = 'spec' | 'selection' | 'clipboard';

export async function addZodDto(ctx: CommandContext, session: ProjectSession): Promise<void> {
  const { input, target, view } = session;
  const resources = await zodResourceNames(view);
  const name = await input.inputBox({
    id: 'dto.name',
    title: `${TITLE} (1/4): name`,
    prompt: 'Name of the schema family, e.g. Address -> AddressCreate, AddressUpdate, AddressPublic (zod, with inferred types)',
    validate: (value) => {
      try {
        checkResourceName(value, 'express');
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
  let className = name;
  try {
    className = checkResourceName(name, 'express').className;
  } catch {
    // the planner reports it
  }
  if (source === 'spec') {
    fields = await input.inputBox({
      id: 'dto.fields',
      title: `${TITLE} (3/4): fields`,
      prompt: 'Fields: name:type[?][=default][:modifier…] — e.g. street:str city:str zip:str?',
      validate: (value) => expressFieldIssue(value, new Set([...resources, className])),
    });
    if (fields === undefined) return;
  } else {
    json = source === 'selection' ? selection : await input.readClipboard();
    // Fail before asking anything else: the error names line and column of the sample.
    const inferred = inferFieldSpec(json);
    ctx.log.info(`${TITLE}: fields inferred from the JSON sample: ${inferred.spec}`);
  }

  const fallback = defaultZodDtoModule(name);
  const modules = (await view.listDir('src/schemas')).filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && p !== 'src/schemas/common.ts').sort();
  const activePath = editor ? editor.document.uri.path : '';
  const activeModule = modules.find((m) => activePath.endsWith(`/${m}`));
  const module = await input.quickPick<string>({
    id: 'dto.module',
    title: `${TITLE} (4/4): module`,
    placeHolder: 'Schemas module to add the zod schemas to',
    items: [
      ...(modules.includes(fallback) ? [] : [{ label: fallback.replace(/^src\/schemas\//, ''), description: 'new module', value: fallback }]),
      ...modules.map((p) => ({ label: p.replace(/^src\/schemas\//, ''), description: p, value: p })),
    ],
    active: activeModule ?? fallback,
  });
  if (!module) return;

  const { plan } = await planAddZodDto(view, { name, module, ...(fields !== undefined ? { fields } : {}), ...(json !== undefined ? { json } : {}) });
  await applyAndReveal(ctx, target, plan, `Add DTO ${name.trim()}`);
}
