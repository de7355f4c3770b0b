// TsFile and the TypeScript route model: imports, callees, constants, and
// Express / Fastify / NestJS routes and mounts, on realistic snippets.
import assert from 'node:assert/strict';
import { parseTypeScript } from '../../src/core/parse/typescript';
import { TsFile } from '../../src/core/analysis/ts/tsfile';
import type { SyntaxNode, SyntaxTree } from '../../src/core/parse/python';

async function file(source: string, dialect: 'typescript' | 'tsx' = 'typescript'): Promise<TsFile> {
  const tree: SyntaxTree = await parseTypeScript(source, dialect);
  return new TsFile(source, tree);
}

function calls(f: TsFile): SyntaxNode[] {
  return f.tree.rootNode.descendantsOfType('call_expression').filter((n): n is SyntaxNode => !!n);
}

describe('TsFile', () => {
  it('resolves ES imports, CommonJS requires and node: prefixes', async () => {
    const f = await file(`
import express, { Router as R } from 'express';
import * as cp from 'node:child_process';
import fs = require('fs');
import type { Request } from 'express';
const { exec: run, spawn } = require('child_process');
const pgp = require('pg-promise')();
const Pool = require('pg').Pool;
`);
    assert.equal(f.imports.get('express'), 'express');
    assert.equal(f.imports.get('R'), 'express.Router');
    assert.equal(f.imports.get('cp'), 'child_process');
    assert.equal(f.imports.get('fs'), 'fs');
    assert.equal(f.imports.get('run'), 'child_process.exec');
    assert.equal(f.imports.get('spawn'), 'child_process.spawn');
    assert.equal(f.imports.get('Pool'), 'pg.Pool');
    assert.equal(f.imports.get('pgp'), undefined, 'the result of calling a module is not the module');
  });

  it('qualifies callees through imports, parentheses and casts', async () => {
    const f = await file(`
import * as cp from 'child_process';
import { readFile } from 'fs/promises';
cp.exec(cmd);
(cp as any).execSync(cmd);
readFile(p);
pool.query(sql);
this.db.query(sql);
getPool().query(sql);
`);
    const names = calls(f).map((c) => f.callee(c));
    assert.deepEqual(names, ['child_process.exec', 'child_process.execSync', 'fs/promises.readFile', 'pool.query', 'this.db.query', undefined, 'getPool']);
    assert.equal(f.methodName(calls(f)[5]!), 'query');
  });

  it('evaluates constant strings and refuses what may vary', async () => {
    const f = await file(`
const TABLE = 'users';
const COLS = "id, " + 'name';
const q1 = \`SELECT \${COLS} FROM \${TABLE} WHERE id = $1\`;
let q2 = 'SELECT 1';
q2 += ' FROM x';
const n = 1 + 2;
function f(table: string) { const q3 = \`SELECT * FROM \${table}\`; return q3; }
const escaped = 'it\\'s\\n';
`);
    const value = (name: string): string | undefined => {
      const decl = f.tree.rootNode.descendantsOfType('variable_declarator').find((d) => d?.childForFieldName('name')?.text === name)!;
      return f.constantString(decl.childForFieldName('name')!);
    };
    assert.equal(value('q1'), 'SELECT id, name FROM users WHERE id = $1');
    assert.equal(value('q2'), undefined, 'a re-assigned variable may vary');
    assert.equal(value('n'), undefined, 'numbers do not concatenate');
    assert.equal(value('q3'), undefined, 'a parameter may vary');
    assert.equal(value('escaped'), "it's\n");
  });

  it('finds where values come from', async () => {
    const f = await file(`
import express from 'express';
import { Pool } from 'pg';
const app = express();
const router = express.Router();
const pool = new Pool();
async function main() { const client = await pool.connect(); client.query('x'); }
`);
    const origin = (name: string) => {
      const id = f.tree.rootNode.descendantsOfType('identifier').filter((n) => n?.text === name).at(-1)!;
      return f.origin(id);
    };
    assert.equal(origin('app'), 'express');
    assert.equal(origin('router'), 'express.Router');
    assert.equal(origin('pool'), 'pg.Pool');
    assert.equal(origin('client'), 'pool.connect');
  });
});

describe('TypeScript route model', () => {
  it('Express: routes, middleware, inline and named handlers, route chains, mounts', async () => {
    const f = await file(`
import express, { Router } from 'express';
import { requireAuth } from './middleware/auth';
const app = express();
const router = Router();
async function listUsers(req, res) { res.json([]); }
router.get('/', listUsers);
router.post('/:id/avatar', requireAuth, upload.single('f'), async (req, res) => { res.sendStatus(204); });
router.route('/items/:itemId').get(getItem).delete([requireAuth, audit], removeItem);
router.patch('/x', asyncHandler(async (req, res) => res.json(req.body)));
app.use(express.json());
app.use('/users', requireAuth, router);
app.get('env');
const config = new Map(); config.get('/not-a-route');
axios.get('/api/users', { params: { q } });
request(app).get('/users').expect(200);
export default app;
`);
    const routes = f.routes.map((r) => `${r.framework} ${r.methods.join(',')} ${r.path} [${r.middlewares.map((m) => m.text).join(' | ')}] ${r.name} ${r.handler ? 'fn' : '-'}`);
    assert.deepEqual(routes, [
      "express get / [] listUsers fn",
      "express post /:id/avatar [requireAuth | upload.single('f')] POST /:id/avatar fn",
      'express get /items/:itemId [] getItem -',
      'express delete /items/:itemId [requireAuth | audit] removeItem -',
      'express patch /x [] PATCH /x fn',
    ]);
    const mounts = f.mounts.map((m) => `${m.owner} ${m.prefix ?? '-'} ${m.targets.map((t) => t.text).join(' ')}`);
    assert.deepEqual(mounts, ['app - express.json()', 'app /users requireAuth router']);
    assert.deepEqual(f.routes[0]!.params.map((p) => p.name), ['req', 'res']);
  });

  it('Fastify: shorthand with options and hooks, route objects, plugins with prefixes', async () => {
    const f = await file(`
import Fastify from 'fastify';
const fastify = Fastify();
export default async function plugin(app, opts) {
  app.post('/things', { preHandler: [app.authenticate], schema: { body: S } }, async (request, reply) => ({}));
  app.route({ method: ['GET', 'HEAD'], url: '/things/:id', handler: getThing, onRequest: app.verify });
}
fastify.get('/health', async () => ({ ok: true }));
fastify.register(plugin, { prefix: '/v1' });
`);
    const routes = f.routes.map((r) => `${r.framework} ${r.methods.join(',')} ${r.path} [${r.middlewares.map((m) => m.text).join(' | ')}] ${r.options ? 'opts' : '-'}`);
    assert.deepEqual(routes, ['fastify post /things [app.authenticate] opts', 'fastify get,head /things/:id [app.verify] opts', 'fastify get /health [] -']);
    assert.deepEqual(f.mounts.map((m) => `${m.kind} ${m.prefix}`), ['register /v1']);
  });

  it('NestJS: controller prefix, verbs, guards on class and method, decorated parameters', async () => {
    const f = await file(`
@Controller('cats')
@UseGuards(ThrottlerGuard)
export class CatsController {
  constructor(private readonly cats: CatsService) {}
  @Get()
  findAll(@Query() query: ListDto) { return this.cats.findAll(query); }
  @Post(':id/toys')
  @UseGuards(AuthGuard('jwt'))
  addToy(@Param('id') id: string, @Body() dto: CreateToyDto) { return this.cats.addToy(id, dto); }
  helper() {}
}
`);
    const routes = f.routes.map((r) => `${r.framework} ${r.methods.join(',')} ${r.path} [${r.middlewares.map((m) => m.text).join(' | ')}] ${r.name}`);
    assert.deepEqual(routes, ['nest get /cats [ThrottlerGuard] findAll', "nest post /cats/:id/toys [ThrottlerGuard | AuthGuard('jwt')] addToy"]);
    assert.deepEqual(
      f.routes[1]!.params.map((p) => `${p.decorator}(${p.decoratorArg ?? ''}) ${p.name}: ${p.type?.text}`),
      ['Param(id) id: string', 'Body() dto: CreateToyDto'],
    );
  });
});

describe('TsFile bindings index', () => {
  // The one-pass index must give every scope exactly what walking that scope's body gives.
  const walked = (f: TsFile, scope: SyntaxNode) => (f as unknown as { walkBindings(s: SyntaxNode): Map<string, SyntaxNode[]> }).walkBindings(scope);
  const indexed = (f: TsFile, scope: SyntaxNode) => {
    f.bindings(scope, '');
    return (f as unknown as { scopeCache: Map<number, Map<string, SyntaxNode[]>> }).scopeCache.get(scope.id)!;
  };
  const flat = (m: Map<string, SyntaxNode[]>) => [...m].map(([k, v]) => `${k}=${v.map((n) => `${n.type}@${n.startIndex}`).join(',')}`).sort();

  it('matches the per-scope walk on every TypeScript/JavaScript rule case and on tricky scopes', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const cases = join(__dirname, '..', '..', '..', 'test', 'rules');
    const sources: [string, string][] = [
      [
        'tricky.ts',
        `
let a = 1, { b, c: [d, ...e] } = obj;
a += 2;
function f(p = (q = 3)) { const r = 4; class K { x = (y = 5); m() { const z = 6; } } const g = () => (h = 7); const i = (j) => j = 8; for (const k of ks) {} for (l in o) {} function inner() { var m = 9; } }
const C = class { n = (o2 = 1); };
export default function () { const s = 1; }
`,
      ],
    ];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|js|mjs|cjs|tsx|jsx)$/.test(name)) sources.push([full, readFileSync(full, 'utf8')]);
      }
    };
    walk(cases);
    let scopes = 0;
    for (const [path, source] of sources) {
      const f = await file(source, path.endsWith('x') ? 'tsx' : 'typescript');
      const fns = [f.tree.rootNode, ...f.tree.rootNode.descendantsOfType(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']).filter((n): n is SyntaxNode => !!n)];
      for (const scope of fns) {
        assert.deepEqual(flat(indexed(f, scope)), flat(walked(f, scope)), `${path}: scope ${scope.type}@${scope.startIndex}`);
        scopes++;
      }
    }
    assert.ok(scopes > 500, `${scopes} scopes compared`);
  });
});
