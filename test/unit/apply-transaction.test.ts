// The CLI's all-or-nothing apply: a failure injected at every filesystem step,
// and a concurrent writer at every step, leave either the tree from before or
// the whole planned tree, never a mix, and never lose a byte the user wrote.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planInit, planNewResource, type EditPlan } from '../../src/core/index';
import { applyPlanToDisk, diskFileView } from '../../src/cli/nodeFiles';
import { ApplyError, nodeTxFs, type TxFs } from '../../src/cli/transaction';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-tx-'));
  dirs.push(dir);
  return dir;
}

/** Every file and folder under root with its bytes, as one map (the "tree"). */
function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (entry.isSymbolicLink()) {
        out.set(rel, `-> ${fs.readlinkSync(full)}`);
      } else if (entry.isDirectory()) {
        out.set(rel + '/', '');
        walk(full);
      } else {
        out.set(rel, createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
      }
    }
  };
  walk(root);
  return out;
}

const hash = (t: Map<string, string>) => createHash('sha256').update(JSON.stringify([...t].sort())).digest('hex');

/** An initialised FastAPI project and a plan that creates five files and edits app/main.py. */
async function project(): Promise<{ root: string; plan: EditPlan }> {
  const root = tempDir();
  await applyPlanToDisk(root, await planInit(diskFileView(root), { projectName: 'shop' }));
  const { plan } = await planNewResource(diskFileView(root), { name: 'Book', fields: 'title:str:max=200 price:decimal', auth: 'writes' });
  return { root, plan };
}

/** The real fs, calling `hook(step, op)` before each operation (which may throw to fail it). */
function instrumented(hook: (step: number, op: string, args: string[]) => void): TxFs & { steps: number } {
  const wrapped = { steps: 0 } as TxFs & { steps: number };
  for (const [name, fn] of Object.entries(nodeTxFs) as [keyof TxFs, (...a: unknown[]) => unknown][]) {
    (wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      hook(wrapped.steps++, name, args.filter((a): a is string => typeof a === 'string'));
      return fn(...args);
    };
  }
  return wrapped;
}

describe('apply transaction', () => {
  let stepCount = 0;
  let afterHash = '';

  before(async () => {
    const { root, plan } = await project();
    const counting = instrumented(() => undefined);
    await applyPlanToDisk(root, plan, counting);
    stepCount = counting.steps;
    afterHash = hash(tree(root));
    assert.ok(plan.changes.some((c) => c.kind === 'modify') && plan.changes.some((c) => c.kind === 'create'), 'the plan both creates and edits');
  });

  it('a failure at any filesystem step leaves the tree from before or the whole planned tree', async () => {
    assert.ok(stepCount > 20, `the apply makes ${stepCount} filesystem calls`);
    let refused = 0;
    for (let failAt = 0; failAt < stepCount; failAt++) {
      const { root, plan } = await project();
      const before = hash(tree(root));
      const failing = instrumented((step, op) => {
        if (step === failAt) throw Object.assign(new Error(`${op}: injected`), { code: 'EIO' });
      });
      let threw: unknown;
      try {
        await applyPlanToDisk(root, plan, failing);
      } catch (error) {
        threw = error;
      }
      const now = hash(tree(root));
      if (threw !== undefined) {
        refused++;
        assert.ok(threw instanceof ApplyError, `step ${failAt}: ${String(threw)}`);
        assert.match(threw.message, /nothing was written/);
        assert.doesNotMatch(threw.message, /\n/);
        assert.equal(now, before, `step ${failAt}: a refused apply left a partial tree`);
      } else {
        // Only a failure while removing a leftover may pass; the result is then the whole plan.
        const leftovers = [...tree(root).keys()].filter((p) => /\.backend-skill-\d+-\d+\.(tmp|bak)$/.test(p));
        for (const p of leftovers) fs.unlinkSync(path.join(root, p));
        assert.equal(hash(tree(root)), afterHash, `step ${failAt}: an accepted apply is not the planned tree`);
      }
    }
    assert.ok(refused > stepCount / 2, `${refused} of ${stepCount} injected failures refused the plan`);
  });

  it('a writer appending to app/main.py at any step never loses its line, and the rest is before or after', async () => {
    const line = '# a line another process wrote\n';
    const { root: reference, plan: referencePlan } = await project();
    const beforeTree = tree(reference);
    await applyPlanToDisk(reference, referencePlan);
    const afterTree = tree(reference);
    const outcomes = { refused: 0, applied: 0 };
    for (let raceAt = 0; raceAt < stepCount; raceAt++) {
      const { root, plan } = await project();
      const main = path.join(root, 'app', 'main.py');
      const racing = instrumented((step) => {
        if (step === raceAt) fs.appendFileSync(main, line);
      });
      let threw: unknown;
      try {
        await applyPlanToDisk(root, plan, racing);
      } catch (error) {
        threw = error;
      }
      assert.ok(fs.readFileSync(main, 'utf8').endsWith(line), `step ${raceAt}: the other process's line is gone`);
      const now = tree(root);
      now.delete('app/main.py');
      const expected = new Map(threw === undefined ? afterTree : beforeTree);
      expected.delete('app/main.py');
      if (threw !== undefined) assert.match(String((threw as Error).message), /^app\/main\.py changed while planning; nothing was written — run again$/);
      else assert.match(fs.readFileSync(main, 'utf8'), /routers/);
      assert.equal(hash(now), hash(expected), `step ${raceAt}: the tree is neither before nor after`);
      outcomes[threw === undefined ? 'applied' : 'refused']++;
    }
    // Both sides of the race happen: early writes are detected, late ones land in the new file.
    assert.ok(outcomes.refused > 0 && outcomes.applied > 0, JSON.stringify(outcomes));
  });

  it('a file created by someone else while applying is kept and the plan is refused', async () => {
    const { root, plan } = await project();
    const created = plan.changes.find((c) => c.kind === 'create')!;
    const target = path.join(root, created.path);
    const mine = '# mine\n';
    const racing = instrumented((_step, op, args) => {
      if (op === 'link' && args[1] === fs.realpathSync(path.dirname(target)) + path.sep + path.basename(target) && !fs.existsSync(target)) {
        fs.writeFileSync(target, mine);
      }
    });
    const before = tree(root);
    await assert.rejects(applyPlanToDisk(root, plan, racing), (e: Error) => e instanceof ApplyError && e.message === `${created.path} appeared while planning; nothing was written — run again`);
    assert.equal(fs.readFileSync(target, 'utf8'), mine);
    const now = tree(root);
    now.delete(created.path);
    // The folders the plan made for the created file may stay, since the other process's file is in them.
    for (const key of [...now.keys()]) if (key.endsWith('/') && !before.has(key)) now.delete(key);
    assert.equal(hash(now), hash(before));
  });

  it('a folder that is a symlink out of the project is refused before anything is written', async () => {
    const { root, plan } = await project();
    const outside = tempDir();
    fs.rmSync(path.join(root, 'app', 'routers'), { recursive: true });
    fs.symlinkSync(outside, path.join(root, 'app', 'routers'));
    const before = hash(tree(root));
    await assert.rejects(applyPlanToDisk(root, plan), (e: Error) => e instanceof ApplyError && /^app\/routers\/books?\.py resolves to .*, outside the project root \(a symlink\?\); nothing was written$/.test(e.message));
    assert.equal(hash(tree(root)), before);
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('a read-only mount is one line naming the path and what to do, and nothing stays behind', async () => {
    const { root, plan } = await project();
    const routers = fs.realpathSync(path.join(root, 'app', 'routers'));
    const readOnly = instrumented((_step, op, args) => {
      if (['writeFile', 'link', 'rename', 'mkdir'].includes(op) && args.some((a) => a.startsWith(routers + path.sep))) {
        throw Object.assign(new Error(`EROFS: read-only file system, ${op}`), { code: 'EROFS' });
      }
    });
    const before = hash(tree(root));
    await assert.rejects(applyPlanToDisk(root, plan, readOnly), (e: Error) => e instanceof ApplyError && /^cannot write app\/routers\/\w+\.py \(EROFS\); nothing was written — the file system is read-only; make it writable and run again$/.test(e.message));
    assert.equal(hash(tree(root)), before);
    // Not stuck: the rerun on a writable disk applies the same plan.
    await applyPlanToDisk(root, plan);
    assert.equal(hash(tree(root)), afterHash);
  });
});
