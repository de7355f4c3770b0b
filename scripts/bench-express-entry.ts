// Benchmark entry for the Express target of `npm run bench`: bundled by
// scripts/bench.mjs like bench-entry.ts, with `ts-morph` pointing at the
// shipped dist/ts-morph.js bundle (what the CLI and the extension load).
//   node bench-express.cjs cold ROOT   -> the first planExpressResource (ts-morph load included)
//   node bench-express.cjs warm ROOT N -> one warm-up, then N timed calls
// The same 50-resource project shape and 20-field resource as the FastAPI
// bench; the plan is never applied.
import { planExpressInit, planExpressResource, tsMorph, tsMorphLoaded, type EditPlan } from '../src/core/index';
import { applyPlanToDisk, diskFileView } from '../src/cli/nodeFiles';
import { BENCH_FIELDS, BENCH_RESOURCE, RESOURCE_COUNT, resourceName, setupFields } from './bench-fields';

export { BENCH_FIELDS, BENCH_RESOURCE, RESOURCE_COUNT };

export async function setupExpressProject(root: string): Promise<{ resources: number; files: number; ms: number }> {
  const t0 = performance.now();
  let files = (await applyPlanToDisk(root, await planExpressInit(diskFileView(root), { projectName: 'bench' }))).length;
  for (let i = 1; i <= RESOURCE_COUNT; i++) {
    const { plan } = await planExpressResource(diskFileView(root), { name: resourceName(i), fields: setupFields(i), auth: 'writes' });
    files += (await applyPlanToDisk(root, plan)).length;
  }
  return { resources: RESOURCE_COUNT, files, ms: performance.now() - t0 };
}

async function planBench(root: string): Promise<EditPlan> {
  return (await planExpressResource(diskFileView(root), { name: BENCH_RESOURCE, fields: BENCH_FIELDS, auth: 'writes' })).plan;
}

/** A broken plan must never produce a fast-looking number: 3 files created, app.ts and migrations.ts edited. */
function checkPlan(plan: EditPlan): { creates: number; modifies: number } {
  const creates = plan.changes.filter((c) => c.kind === 'create').length;
  const modifies = plan.changes.filter((c) => c.kind === 'modify').length;
  if (creates !== 3 || modifies !== 2) throw new Error(`unexpected plan: ${creates} created, ${modifies} modified files`);
  const app = plan.changes.find((c) => c.path === 'src/app.ts');
  if (app?.kind !== 'modify' || app.edits.length !== 2) throw new Error('src/app.ts should get an import and a mount');
  return { creates, modifies };
}

/** Fresh process: the first plan, with ts-morph's load timed apart. */
export async function coldRun(root: string): Promise<Record<string, number>> {
  const sinceStartMs = performance.now();
  if (tsMorphLoaded()) throw new Error('ts-morph was loaded before the first TypeScript use');
  const t0 = performance.now();
  tsMorph();
  const loaded = performance.now();
  const plan = await planBench(root);
  const end = performance.now();
  return { ms: end - t0, tsMorphLoadMs: loaded - t0, planMs: end - loaded, sinceStartMs, ...checkPlan(plan) };
}

export async function warmRun(root: string, n: number): Promise<{ samples: number[]; rssMb: number; creates: number; modifies: number }> {
  const shape = checkPlan(await planBench(root));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    checkPlan(await planBench(root));
    samples.push(performance.now() - t0);
  }
  return { samples, rssMb: process.memoryUsage().rss / (1024 * 1024), ...shape };
}

if (require.main === module) {
  const [mode, root, count] = process.argv.slice(2);
  const job = async (): Promise<unknown> => {
    if (!root) throw new Error('usage: bench-express.cjs cold|warm ROOT [N]');
    if (mode === 'cold') return coldRun(root);
    if (mode === 'warm') return warmRun(root, Number(count ?? 50));
    throw new Error(`unknown mode ${mode}`);
  };
  job().then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n'),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
