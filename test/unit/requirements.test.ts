// The generated requirements.txt and the venv the runtime tests build name the same packages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REQUIREMENTS } from '../../src/core/emit/fastapi/project';

const names = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((l) => /^[A-Za-z0-9_.-]+/.exec(l)![0].toLowerCase())
    .sort();

describe('requirements', () => {
  it('the runtime-test venv installs exactly what generated projects declare', () => {
    const venv = readFileSync(resolve(__dirname, '../../../scripts/python-requirements.txt'), 'utf8');
    assert.deepEqual(names(venv), names(REQUIREMENTS));
  });
});
