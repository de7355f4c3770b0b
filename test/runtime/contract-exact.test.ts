// The static contract against the app's own `app.openapi()`: generated
// projects (init + resources covering every field type, auth mode and
// modifier) and the fixture projects are read both ways, and operations,
// parameters, body/response properties (required, type) must agree on at
// least 95% of the facts. Every disagreement is printed, agreed or not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exactOpenApi, openapiCommand } from '../../src/cli/contract';
import { type OpenApiDocument } from '../../src/core/index';
import { compareContracts } from '../../src/core/contract/compare';
import { cli, venvPython } from '../support/api';

const ROOT = path.join(__dirname, '..', '..', '..');
const RESOURCES: [string, string, string][] = [
  ['author', 'name:str:max=120 email:email:unique bio:text? born:date? website:url?', 'writes'],
  ['book', 'title:str:max=200 isbn:str:unique price:decimal:min=0 pages:int:min=1:max=10000 rating:float? published:bool=false status:enum(draft|live|gone) tags:list[str]=[] author:ref(Author)', 'writes'],
  ['event', 'name:str starts_at:datetime ref:uuid:unique meta:json? seats:int=10:min=0', 'all'],
  ['note', 'body:text pinned:bool=false color:enum(red|green)?', 'none'],
];

async function staticDoc(root: string): Promise<OpenApiDocument> {
  let out = '';
  await openapiCommand([root], {}, (s) => (out += s));
  return JSON.parse(out) as OpenApiDocument;
}

describe('openapi: static contract agrees with app.openapi()', function () {
  this.timeout(180_000);
  let python: string | undefined;
  const dirs: string[] = [];
  before(async () => {
    python = await venvPython();
  });
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const projects: { name: string; make: () => Promise<string> }[] = [
    {
      name: 'generated FastAPI project with four resources',
      make: async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-contract-'));
        dirs.push(dir);
        await cli(['init', 'fastapi', '--root', dir]);
        for (const [name, fields, auth] of RESOURCES) await cli(['new', 'resource', name, '--fields', fields, '--auth', auth, '--root', dir]);
        return dir;
      },
    },
    { name: 'test/fixtures/compat/fastapi', make: async () => path.join(ROOT, 'test', 'fixtures', 'compat', 'fastapi') },
  ];
  const fixtureProjects = path.join(ROOT, 'test', 'fixtures', 'projects');
  if (fs.existsSync(fixtureProjects)) {
    for (const entry of fs.readdirSync(fixtureProjects)) {
      const dir = path.join(fixtureProjects, entry);
      if (fs.existsSync(path.join(dir, 'app', 'main.py')) || fs.existsSync(path.join(dir, 'main.py'))) projects.push({ name: `test/fixtures/projects/${entry}`, make: async () => dir });
    }
  }

  for (const project of projects) {
    it(project.name, async function () {
      if (!python) this.skip();
      const root = await project.make();
      // The generated settings need a secret: given the way a user would, in .env (pydantic-settings reads it).
      const envFile = path.join(root, '.env');
      const wroteEnv = !fs.existsSync(envFile);
      if (wroteEnv) fs.writeFileSync(envFile, `SECRET_KEY=${'k'.repeat(48)}\n`);
      try {
        const exact = exactOpenApi(root, undefined, python);
        const result = compareContracts(await staticDoc(root), exact);
        const share = result.agreed / result.total;
        console.log(`      ${project.name}: ${result.agreed}/${result.total} facts agree (${(share * 100).toFixed(1)}%)`);
        for (const line of result.disagreements) console.log(`        disagree: ${line}`);
        assert.ok(result.total > 10, 'the documents have facts to compare');
        assert.ok(share >= 0.95, `agreement ${(share * 100).toFixed(1)}% < 95%:\n${result.disagreements.join('\n')}`);
      } finally {
        if (wroteEnv) fs.rmSync(envFile);
      }
    });
  }
});
