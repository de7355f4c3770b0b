// package.json is a real extension manifest, in step with the code: commands
// with the Backend category, settings matching the zod schema, snippets present.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_IDS, SEVERITIES } from '../../src/core/index';

const ROOT = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('manifest and layout', () => {
  it('src/core never imports vscode', () => {
    const offenders = sourceFiles(join(ROOT, 'src/core')).filter((file) =>
      /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  it('adapters import the core only through src/core/index.ts', () => {
    const deep = [...sourceFiles(join(ROOT, 'src/vscode')), ...sourceFiles(join(ROOT, 'src/cli'))].filter((file) =>
      /from\s+['"](\.\.\/)+core\/(?!index['"])/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(deep, []);
  });

  it('declares every registered command, each in the Backend category', () => {
    const registered = [...readFileSync(join(ROOT, 'src/vscode/extension.ts'), 'utf8').matchAll(/'(backendSkill\.\w+)'/g)].map((m) => m[1]).sort();
    const declared = (manifest.contributes.commands as { command: string; category: string }[]);
    assert.deepEqual(declared.map((c) => c.command).sort(), registered);
    for (const c of declared) assert.equal(c.category, 'Backend');
  });

  it('keeps contributes.configuration in step with the settings schema', () => {
    const source = readFileSync(join(ROOT, 'src/vscode/settings.ts'), 'utf8');
    const body = /z\.object\(\{([\s\S]*?)\}\);/.exec(source)?.[1] ?? '';
    const schemaKeys = [...body.matchAll(/^\s*(\w+):/gm)].map((m) => `backendSkill.${m[1]}`).sort();
    assert.ok(schemaKeys.length > 0);
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), schemaKeys);
    // Defaults agree too.
    for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties as Record<string, { default: unknown }>)) {
      const name = key.split('.')[1];
      const dflt = new RegExp(`${name}:[^\\n]*\\.default\\(([^)]*)\\)`).exec(body)?.[1];
      assert.equal(JSON.stringify(prop.default), dflt?.replace(/'/g, '"'), `${key} default`);
    }
  });

  it('declares backendSkill.rules with every rule id, the severities, and a description naming them', () => {
    const prop = manifest.contributes.configuration.properties['backendSkill.rules'];
    assert.equal(prop.type, 'object');
    assert.equal(prop.additionalProperties, false);
    assert.deepEqual(Object.keys(prop.properties).sort(), [...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      assert.deepEqual(prop.properties[id].enum, [...SEVERITIES], id);
      assert.ok((prop.markdownDescription ?? prop.description).includes(`\`${id}\``), `description names ${id}`);
    }
  });

  it('ships the rule docs with the extension', () => {
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/docs/rules/*.md'));
    for (const name of readdirSync(join(ROOT, 'src/core/analysis/docs'))) assert.ok(existsSync(join(ROOT, 'dist/docs/rules', name)), `dist/docs/rules/${name} (npm run build copies it)`);
  });

  it('ships snippets and a bundle entry, with a valid engine and an allowlist .vscodeignore', () => {
    for (const s of manifest.contributes.snippets) assert.ok(existsSync(join(ROOT, s.path)), s.path);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['backend-skill'], './dist/cli.js');
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.0$/);
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0', 'pin @types/vscode to the oldest supported engine');
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.equal(ignore.find((l) => l.trim() && !l.startsWith('#')), '**');
    for (const keep of ['!dist/extension.js', '!dist/*.wasm', '!snippets/**', '!package.json']) assert.ok(ignore.includes(keep), keep);
  });

  it('ships every walkthrough media file through the .vscodeignore allowlist (the packaged file list)', () => {
    const walkthroughs = manifest.contributes.walkthroughs as { steps: { id: string; media: { markdown?: string; image?: string }; description: string }[] }[];
    assert.ok(walkthroughs.length > 0);
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const step of walkthroughs.flatMap((w) => w.steps)) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(join(ROOT, media)), `${step.id}: ${media} is missing`);
      const top = media.split('/')[0]!;
      assert.ok(ignore.includes(`!${top}/**`), `.vscodeignore does not ship ${media}`);
      // Command links in a step must name commands that exist (ours or the workbench's).
      for (const [, command = ''] of step.description.matchAll(/\(command:([\w.]+)/g)) {
        if (command.startsWith('backendSkill.')) assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === command), command);
      }
    }
  });

  it('activates lazily: on its commands (implicit), the analysed languages and Python project markers only', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), [
      'onLanguage:javascript',
      'onLanguage:javascriptreact',
      'onLanguage:python',
      'onLanguage:typescript',
      'onLanguage:typescriptreact',
      'workspaceContains:**/pyproject.toml',
      'workspaceContains:**/requirements.txt',
    ]);
    const source = readFileSync(join(ROOT, 'src/vscode/extension.ts'), 'utf8');
    // The parsers and the project readers load on the first command, not at activation.
    assert.doesNotMatch(source, /parsePython|readFastApiProject|pythonParser|typescriptParser|TsAnalyzer|ts-morph|tsMorph|readExpressProject/);
    // ts-morph is its own bundle, required only where src/core/parse/tsMorph.ts loads it.
    const bundle = readFileSync(join(ROOT, 'dist/extension.js'), 'utf8');
    assert.equal(bundle.match(/require\("\.\/ts-morph\.js"\)/g)?.length, 1, 'one lazy require of dist/ts-morph.js');
  });
});
