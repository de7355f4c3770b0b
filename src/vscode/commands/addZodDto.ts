// Backend: Add DTO… in an Express project — a zod schema family (XCreate,
// XUpdate, XPublic and their z.infer types) from a field spec (validated while
// typing, TypeScript reserved words included) or a JSON sample from the
// selection or the clipboard (its keys kept as written); into a new
// src/schemas module or an existing one the user picks.
import { checkResourceName, defaultZodDtoModule, planAddZodDto, zodResourceNames } from '../../core/index';
import { applyAndReveal, type CommandContext, type ProjectSession } from './common';
import { askDtoFields, DTO_TITLE as TITLE } from './dtoInput';
import { expressFieldIssue } from './newResource';

export async function addZodDto(ctx: CommandContext, session: ProjectSession): Promise<void> {
  const { input, target, view } = session;
  const resources = await zodResourceNames(view);
  const answers = await askDtoFields(ctx, input, {
    namePrompt: 'Name of the schema family, e.g. Address -> AddressCreate, AddressUpdate, AddressPublic (zod, with inferred types)',
    target: 'express',
    fieldIssue: (value, name) => {
      let className = name;
      try {
        className = checkResourceName(name, 'express').className;
      } catch {
        // the planner reports it
      }
      return expressFieldIssue(value, new Set([...resources, className]));
    },
  });
  if (!answers) return;
  const { name, fields, json, editor } = answers;

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
