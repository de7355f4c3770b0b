// The VSIX content check of scripts/package-vsix.mjs (run by `npm test` on the
// real package): zips written by Python's zipfile, so the in-process zip
// reader is tested against an independent writer, and the check must name
// every kind of file that must not ship.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { venvPython } from '../support/api';

interface PackageVsix {
  vsixEntries(file: string): { path: string; size: number }[];
  vsixProblems(file: string): string[];
}

const NEEDED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/analysis-worker.js', 'extension/dist/ts-morph.js', 'extension/dist/tree-sitter-python.wasm'];

describe('VSIX content check', () => {
  let dir: string;
  let python: string | undefined;
  let pkg: PackageVsix;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-vsix-'));
    python = await venvPython();
    pkg = (await import(pathToFileURL(path.resolve(__dirname, '../../../scripts/package-vsix.mjs')).href)) as PackageVsix;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A zip holding `files` (path → bytes of text), deflated like vsce's. */
  function zip(name: string, files: Record<string, string>): string {
    const file = path.join(dir, name);
    const script = 'import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for k, v in json.load(sys.stdin).items(): z.writestr(k, v)\n';
    const res = spawnSync(python!, ['-c', script, file], { input: JSON.stringify(files), encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    return file;
  }

  const shipped = Object.fromEntries(NEEDED.map((p) => [p, `// ${p}\n`.repeat(50)]));

  it('reads every entry with its unpacked size, and finds nothing wrong in a clean package', function () {
    if (!python) this.skip();
    const file = zip('clean.vsix', { ...shipped, 'extension/readme.md': '# readme\n' });
    const entries = pkg.vsixEntries(file);
    assert.deepEqual(entries.map((e) => e.path).sort(), [...NEEDED, 'extension/readme.md'].sort());
    assert.equal(entries.find((e) => e.path === 'extension/readme.md')?.size, 9);
    assert.deepEqual(pkg.vsixProblems(file), []);
  });

  it('names tests, sources, maps, node_modules and missing run-time files', function () {
    if (!python) this.skip();
    const { ['extension/dist/ts-morph.js']: _dropped, ...rest } = shipped;
    const file = zip('dirty.vsix', {
      ...rest,
      'extension/out/test/unit/cli.test.js': 'x',
      'extension/src/core/index.ts': 'x',
      'extension/dist/extension.js.map': '{}',
      'extension/node_modules/diff/package.json': '{}',
      // Markdown docs are not sources: the README links them.
      'extension/src/core/analysis/docs/ssrf.md': '# ssrf\n',
    });
    const problems = pkg.vsixProblems(file);
    for (const expected of [
      'extension/out/test/unit/cli.test.js is a test folder',
      'extension/src/core/index.ts is a TypeScript source',
      'extension/dist/extension.js.map is a source map',
      'extension/node_modules/diff/package.json is node_modules',
      'extension/dist/ts-morph.js is missing',
    ]) {
      assert.ok(problems.includes(expected), `${expected} in ${JSON.stringify(problems)}`);
    }
    assert.ok(!problems.some((p) => p.includes('ssrf.md')), JSON.stringify(problems));
  });

  it('refuses a file that is not a zip', function () {
    const file = path.join(dir, 'not.vsix');
    fs.writeFileSync(file, 'plain text, no central directory');
    assert.throws(() => pkg.vsixEntries(file), /is not a zip file/);
  });
});
