// The versioned-route planner for Express + zod (core): the compat fixture's
// Express project as base, edited in memory as the working tree. Each plan
// must re-parse, leave our rules with nothing new to say, and compat on the
// result must keep the old operations (nothing breaking left on them, now
// deprecated through their `Deprecation` header) with the new shape served
// under /v2 inside the router's mount; plans that cannot be written from the
// base (a handler passed by name, a route gone) or would not prove themselves
// are not offered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOpenApi, type SourceFile } from '../../src/core/contract/openapi';
import { diffContracts } from '../../src/core/compat/diff';
import { planExpressVersionedRoute } from '../../src/core/compat/expressVersionedRoute';
import { resultingText } from '../../src/core/plan/editPlan';
import { parseTypeScript } from '../../src/core/parse/typescript';

const ROOT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'compat', 'express');
const TS = 'src/schemas/user.ts';
const USERS = 'src/routes/users.ts';
const APP = 'src/app.ts';

function project(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: path.relative(ROOT, full).split(path.sep).join('/'), source: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(ROOT);
  return out;
}

function edit(files: readonly SourceFile[], file: string, from: string | RegExp, to: string): SourceFile[] {
  return files.map((f) => {
    if (f.path !== file) return f;
    const next = f.source.replace(from, to);
    assert.notEqual(next, f.source, `${file}: ${String(from)}`);
    return { path: f.path, source: next };
  });
}

async function plan(base: readonly SourceFile[], head: readonly SourceFile[], operations: string[], kind = 'response-field-removed') {
  const [baseDoc, headDoc] = [await buildOpenApi(base), await buildOpenApi(head)];
  const result = await planExpressVersionedRoute({ base, head, baseDoc, headDoc, operations, kind });
  if (!result) return undefined;
  const files = head.map((f) => {
    const change = result.plan.changes.find((c) => c.path === f.path);
    return change ? { path: f.path, source: resultingText(change) } : f;
  });
  for (const change of result.plan.changes) {
    assert.equal(change.kind, 'modify');
    assert.equal(change.kind === 'modify' && change.original, head.find((f) => f.path === change.path)!.source, 'the plan is against the working tree');
    const tree = await parseTypeScript(files.find((f) => f.path === change.path)!.source);
    assert.equal(tree.rootNode.hasError, false, `${change.path} re-parses`);
    tree.delete();
  }
  const doc = await buildOpenApi(files);
  const changes = diffContracts(baseDoc, doc);
  return { ...result, files, doc, changes, text: (p: string) => files.find((f) => f.path === p)!.source };
}

describe('compat quick fix for Express + zod: keep the old route, serve the new shape under /v2', function () {
  this.timeout(30_000);
  const base = project();

  it('explore', async () => {
    const head = edit(base, TS, '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n');
    const r = await plan(base, head, ['GET /users/{id}']);
    assert.ok(r);
    console.log(r.title, r.plan.notes);
    console.log(r.text(USERS));
    console.log(r.text(TS));
    console.log(r.changes);
  });
});
