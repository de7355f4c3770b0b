// Backend: Add DTO… — a Pydantic model family from a field spec (validated
// while typing, like New Resource) or from a JSON sample taken from the
// selection or the clipboard; inserted into the schemas module the user
// picks (the model's own module by default, or a new one).
import { defaultDtoModule, fieldSpecSchema, inferStyle, planGeneration, readFastApiProject } from '../../core/index';
import { addZodDto } from './addZodDto';
import { applyAndReveal, firstIssue, projectCommand, type CommandContext } from './common';
import { askDtoFields, DTO_TITLE as TITLE } from './dtoInput';

export function addDtoCommand(ctx: CommandContext): () => Promise<void> {
  return projectCommand(ctx, TITLE, async (session) => {
    if (session.target.framework === 'express') return addZodDto(ctx, session);
    const { input, target, view } = session;
    const project = await readFastApiProject(view);
    const style = await inferStyle(view);
    const models = new Set([...project.models.map((m) => m.className), ...style.models.known.map((m) => m.className)]);

    const schema = fieldSpecSchema(models);
    const answers = await askDtoFields(ctx, input, {
      namePrompt: 'Name of the model family, e.g. Address -> AddressBase, AddressCreate, AddressUpdate, AddressPublic',
      target: 'fastapi',
      fieldIssue: (value) => firstIssue(schema.safeParse(value)),
    });
    if (!answers) return;
    const { name, fields, json } = answers;

    if (!style.initLayout) {
      // Outside our layout the planner places the family as the project does; in feature folders the user picks the feature.
      const features = style.schemas.kind === 'feature'
        ? [...new Set(style.models.known.map((m) => m.path.replace(/[^/]+$/, (style.schemas as { file: string }).file)))].sort()
        : [];
      let module: string | undefined;
      if (features.length) {
        module = await input.quickPick<string>({
          id: 'dto.module', title: `${TITLE} (4/4): module`, placeHolder: 'Feature schemas module to add the models to',
          items: features.map((p) => ({ label: p, value: p })),
        });
        if (!module) return;
      }
      const generation = await planGeneration(view, { kind: 'dto', name, ...(module ? { module } : {}), ...(fields !== undefined ? { fields } : {}), ...(json !== undefined ? { json } : {}) });
      ctx.log.info(generation.summary);
      await applyAndReveal(ctx, target, generation.plan, `Add DTO ${name.trim()}`);
      return;
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

    const generation = await planGeneration(view, { kind: 'dto', name, module, ...(fields !== undefined ? { fields } : {}), ...(json !== undefined ? { json } : {}) });
    ctx.log.info(generation.summary);
    await applyAndReveal(ctx, target, generation.plan, `Add DTO ${name.trim()}`);
  });
}
