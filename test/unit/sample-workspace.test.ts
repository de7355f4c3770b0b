// The sample workspace that `npm start` and the extension-host tests open is
// checked in (test/host/workspace/). It must stay exactly what today's
// generator writes, so the hosts test current output rather than a stale copy.
// To regenerate after a generator change: UPDATE_SAMPLE=1 npm run test:unit.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { planInit, planNewResource } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';

const WORKSPACE = resolve(__dirname, '../../../test/host/workspace');

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('sample workspace', () => {
  it('is what init fastapi + new resource Author generate today', async () => {
    const files = new Map<string, string>();
    for (const change of (await planInit(memoryFileView(files), { projectName: 'Sample Library' })).changes) files.set(change.path, resultingText(change));
    const { plan } = await planNewResource(memoryFileView(files), { name: 'Author', fields: 'name:str:max=120 bio:text?', auth: 'writes' });
    for (const change of plan.changes) files.set(change.path, resultingText(change));
    if (process.env.UPDATE_SAMPLE === '1') {
      for (const [path, text] of files) {
        mkdirSync(dirname(join(WORKSPACE, path)), { recursive: true });
        writeFileSync(join(WORKSPACE, path), text);
      }
    }
    const onDisk = readTree(WORKSPACE);
    assert.deepEqual([...onDisk.keys()].sort(), [...files.keys()].sort(), 'the same files');
    for (const [path, text] of files) assert.equal(onDisk.get(path), text, `${path} differs from the generator's output`);
  });
});
