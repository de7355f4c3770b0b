// The editor half of the compatibility check (core verb compatFindings): the
// fixture projects (test/fixtures/compat/) as base, edited in memory as the
// working tree. Each finding must sit on the changed line, name every
// operation it breaks, and each quick fix, once applied, must leave a working
// tree the check no longer calls breaking (the fix is judged by the same check).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compatFindings, type CompatFinding, type SourceFile } from '../../src/core/index';
import { resultingText } from '../../src/core/plan/editPlan';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'compat');

function project(framework: 'fastapi' | 'express'): SourceFile[] {
  const root = path.join(FIXTURES, framework);
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: path.relative(root, full).split(path.sep).join('/'), source: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out;
}

function edit(files: SourceFile[], file: string, from: string, to: string): SourceFile[] {
  return files.map((f) => {
    if (f.path !== file) return f;
    assert.ok(f.source.includes(from), `${file} has ${JSON.stringify(from)}`);
    return { path: f.path, source: f.source.replace(from, to) };
  });
}

/** The working tree after a finding's quick fix. */
function applyFix(files: SourceFile[], finding: CompatFinding, index = 0): SourceFile[] {
  const fix = finding.fixes[index];
  assert.ok(fix, `a quick fix for ${finding.kind}`);
  const change = fix.plan.changes[0]!;
  assert.equal(change.kind, 'modify');
  const file = files.find((f) => f.path === change.path)!;
  assert.equal(change.kind === 'modify' && change.original, file.source, 'the plan is against the current text');
  return files.map((f) => (f.path === change.path ? { path: f.path, source: resultingText(change) } : f));
}

const lineText = (files: SourceFile[], file: string, line: number) => files.find((f) => f.path === file)!.source.split('\n')[line];
const show = (fs_: readonly CompatFinding[]) => fs_.map((f) => `${f.path}:${f.line + 1} ${f.kind}: ${f.message}`).join('\n') || '(none)';

const PY = 'app/schemas.py';
const TS = 'src/schemas/user.ts';

describe('compat in the editor: findings on the changed line, with quick fixes', function () {
  this.timeout(30_000);

  describe('fastapi', () => {
    const base = project('fastapi');

    it('a removed response field is reported where it was, naming every operation; the fix keeps it deprecated', async () => {
      const head = edit(base, PY, '    id: int\n    email: str\n', '    id: int\n');
      const findings = await compatFindings(base, head);
      const f = findings.find((x) => x.kind === 'response-field-removed');
      assert.ok(f, show(findings));
      assert.equal(f.path, PY);
      assert.equal(lineText(head, PY, f.line - 1), '    id: int', 'placed where "email" was: after the field that preceded it');
      assert.deepEqual([...f.operations].sort(), ['GET /users', 'GET /users/{user_id}', 'POST /users']);
      assert.match(f.message, /^Removing "email" from UserPublic breaks clients of (POST \/users|GET \/users|GET \/users\/\{user_id\}), /);
      assert.equal(f.fixes[0]!.title, 'Keep "email" and mark it deprecated');
      const fixed = applyFix(head, f);
      assert.match(fixed.find((x) => x.path === PY)!.source, /class UserPublic\(BaseModel\):\n {4}id: int\n {4}email: str = Field\(deprecated=True\)\n {4}name: str\n/);
      assert.deepEqual(await compatFindings(base, fixed), [], 'nothing breaks once the field is kept');
    });

    it('a field removed from an extra="forbid" request model keeps its Field(...) arguments when deprecated', async () => {
      const head = edit(base, PY, '    email: str = Field(max_length=100)\n', '');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'request-field-removed-forbidden');
      assert.ok(f);
      const fixed = applyFix(head, f);
      assert.ok(fixed.find((x) => x.path === PY)!.source.includes('    email: str = Field(max_length=100, deprecated=True)\n    name: str\n'));
      assert.deepEqual(await compatFindings(base, fixed), []);
    });

    it('the deprecation fix imports Field when the file does not', async () => {
      const plain = edit(edit(edit(base, PY, 'from pydantic import BaseModel, ConfigDict, Field', 'from pydantic import BaseModel, ConfigDict'), PY, 'Field(max_length=100)', '"a@b.c"'), PY, 'Field(default=0, ge=0)', '0');
      const head = edit(plain, PY, '    role: Role\n', '');
      const f = (await compatFindings(plain, head)).find((x) => x.kind === 'response-field-removed');
      assert.ok(f);
      const text = applyFix(head, f).find((x) => x.path === PY)!.source;
      assert.ok(text.includes('from pydantic import BaseModel, ConfigDict, Field\n'), text);
      assert.ok(text.includes('    name: str\n    role: Role = Field(deprecated=True)\n'), text);
      assert.deepEqual(await compatFindings(plain, applyFix(head, f)), []);
    });

    it('a new required request field: on its line; the fix makes it optional with a default', async () => {
      const head = edit(base, PY, '    name: str\n    nickname', '    name: str\n    phone: str\n    nickname');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'request-field-added-required');
      assert.ok(f);
      assert.equal(lineText(head, PY, f.line), '    phone: str');
      assert.deepEqual(f.operations, ['POST /users']);
      const fixed = applyFix(head, f);
      assert.ok(fixed.find((x) => x.path === PY)!.source.includes('    phone: str | None = None\n'));
      assert.deepEqual(await compatFindings(base, fixed), []);
    });

    it('a new required Field(...) gets default=None and stays constrained', async () => {
      const head = edit(base, PY, '    name: str\n    nickname', '    name: str\n    phone: str = Field(..., max_length=20)\n    nickname');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'request-field-added-required');
      assert.ok(f);
      const fixed = applyFix(head, f);
      assert.ok(fixed.find((x) => x.path === PY)!.source.includes('    phone: str | None = Field(None, max_length=20)\n'));
      assert.deepEqual(await compatFindings(base, fixed), []);
    });

    it('breaking changes without a mechanical fix are still reported on their line (no fix offered)', async () => {
      const head = edit(base, PY, 'max_length=100', 'max_length=50');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'constraint-tightened');
      assert.ok(f);
      assert.match(lineText(head, PY, f.line)!, /email: str = Field\(max_length=50\)/);
      assert.deepEqual(f.fixes, [], 'a request-side change gets no versioned route');
    });

    it('the versioned-route fix: one plan over the router and the schemas; once applied, nothing breaks', async () => {
      const head = edit(base, PY, '    id: int\n    email: str\n', '    id: int\n');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'response-field-removed');
      assert.ok(f);
      const fix = f.fixes.find((x) => x.title.includes('/v2'));
      assert.ok(fix, f.fixes.map((x) => x.title).join('\n'));
      assert.equal(fix.title, 'Keep GET /users, POST /users, GET /users/{user_id} as they were (deprecated) and serve the new shapes under /v2');
      assert.notEqual(fix.preferred, true, 'keeping the field deprecated stays the preferred fix');
      assert.deepEqual(fix.plan.changes.map((c) => c.path).sort(), ['app/routers/users.py', PY]);
      const fixed = head.map((file) => {
        const change = fix.plan.changes.find((c) => c.path === file.path);
        assert.ok(!change || (change.kind === 'modify' && change.original === file.source), 'the plan is against the current text');
        return change ? { path: file.path, source: resultingText(change) } : file;
      });
      assert.deepEqual(await compatFindings(base, fixed), [], 'the old operations are kept; the /v2 ones are new (compatible)');
    });

    it('hard negatives: reordered fields, comments, new optional field, handler body → no finding', async () => {
      for (const head of [
        edit(base, PY, '    email: str\n    name: str\n    role: Role', '    name: str\n    role: Role\n    email: str'),
        edit(base, PY, 'class UserPublic(BaseModel):', '# What clients read.\nclass UserPublic(BaseModel):'),
        edit(base, PY, '    name: str\n    nickname', '    name: str\n    phone: str | None = None\n    nickname'),
        edit(base, 'app/routers/users.py', 'return []', 'found: list[UserPublic] = []\n    return found'),
      ]) assert.deepEqual(await compatFindings(base, head), []);
    });

    it('limits findings to the given files', async () => {
      const head = edit(base, PY, '    id: int\n    email: str\n', '    id: int\n');
      assert.deepEqual(await compatFindings(base, head, ['app/routers/users.py']), []);
      assert.ok((await compatFindings(base, head, [PY])).length > 0);
    });

    it('a removed operation is reported in the router where it was', async () => {
      const users = 'app/routers/users.py';
      const text = base.find((f) => f.path === users)!.source;
      const head = edit(base, users, text.slice(text.indexOf('@router.get("/{user_id}"')), '');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'operation-removed');
      assert.ok(f);
      assert.equal(f.path, users);
      assert.deepEqual(f.fixes, []);
    });
  });

  describe('express + zod', () => {
    const base = project('express');

    it('a removed response property: placed where it was; the fix keeps it with .meta({ deprecated: true })', async () => {
      const head = edit(base, TS, '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'response-field-removed');
      assert.ok(f);
      assert.equal(lineText(head, TS, f.line - 1), '  id: z.number().int(),');
      assert.deepEqual([...f.operations].sort(), ['GET /users/{id}', 'POST /users']);
      const fixed = applyFix(head, f);
      assert.ok(fixed.find((x) => x.path === TS)!.source.includes('  id: z.number().int(),\n  email: z.string().meta({ deprecated: true }),\n  name: z.string(),'));
      assert.deepEqual(await compatFindings(base, fixed), []);
    });

    it('the versioned-route fix: one plan over the router and the schemas; once applied, nothing breaks', async () => {
      const head = edit(base, TS, '  id: z.number().int(),\n  email: z.string(),\n', '  id: z.number().int(),\n');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'response-field-removed');
      assert.ok(f);
      const fix = f.fixes.find((x) => x.title.includes('/v2'));
      assert.ok(fix, f.fixes.map((x) => x.title).join('\n'));
      assert.equal(fix.title, 'Keep POST /users, GET /users/{id} as they were (deprecated) and serve the new shapes under /v2');
      assert.notEqual(fix.preferred, true, 'keeping the field deprecated stays the preferred fix');
      assert.deepEqual(fix.plan.changes.map((c) => c.path).sort(), ['src/routes/users.ts', TS]);
      const fixed = head.map((file) => {
        const change = fix.plan.changes.find((c) => c.path === file.path);
        assert.ok(!change || (change.kind === 'modify' && change.original === file.source), 'the plan is against the current text');
        return change ? { path: file.path, source: resultingText(change) } : file;
      });
      assert.deepEqual(await compatFindings(base, fixed), [], 'the old operations are kept; the /v2 ones are new (compatible)');
    });

    it('a request-side change gets no versioned route', async () => {
      const head = edit(base, TS, 'email: z.string().max(100)', 'email: z.string().max(50)');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'constraint-tightened');
      assert.ok(f);
      assert.deepEqual(f.fixes, []);
    });

    it('a new required request property: the fix adds .optional()', async () => {
      const head = edit(base, TS, '  name: z.string(),\n  nickname', '  name: z.string(),\n  phone: z.string().min(3),\n  nickname');
      const f = (await compatFindings(base, head)).find((x) => x.kind === 'request-field-added-required');
      assert.ok(f);
      assert.equal(lineText(head, TS, f.line), '  phone: z.string().min(3),');
      const fixed = applyFix(head, f);
      assert.ok(fixed.find((x) => x.path === TS)!.source.includes('  phone: z.string().min(3).optional(),\n'));
      assert.deepEqual(await compatFindings(base, fixed), []);
    });

    it('removing a property deprecated with .meta() is a warning, not an error', async () => {
      const deprecated = edit(base, TS, '  id: z.number().int(),\n  email: z.string(),\n', "  id: z.number().int(),\n  email: z.string().meta({ deprecated: true }),\n");
      const head = edit(deprecated, TS, '  email: z.string().meta({ deprecated: true }),\n', '');
      const findings = await compatFindings(deprecated, head);
      assert.ok(findings.length > 0 && findings.every((x) => x.verdict === 'potentially-breaking'), show(findings));
    });
  });
});
