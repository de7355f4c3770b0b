// Benchmark entry for `npm run bench`: bundled on the fly by scripts/bench.mjs
// (esbuild, CJS, into node_modules/.cache/backend-skill-bench/ so that the
// tree-sitter WASM files resolve from node_modules), never shipped.
//
// Required as a module it exports the setup and the measured operation;
// run as a script it measures in a fresh process and prints one JSON line:
//   node bench.cjs cold ROOT   -> the first New Resource plan via planGeneration (incl. WASM load, style inference)
//   node bench.cjs warm ROOT N -> one warm-up, then N timed planGeneration calls
//   node bench.cjs styled-cold ROOT [infer] -> the same in a project of its own style
//     (a fixture grown to ~STYLED_FILE_TARGET Python files); `infer`: style inference alone
//   node bench.cjs styled-warm ROOT N -> N timed planGeneration calls and N inferStyle calls
// The plan is never applied: only "spec -> planned edits" is timed.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inferStyle, planGeneration, planInit, planNewResource, resourceNames, type EditPlan } from '../src/core/index';
import { applyPlanToDisk, diskFileView } from '../src/cli/nodeFiles';
import { pythonParser } from '../src/core/parse/python';

import { BENCH_FIELDS, BENCH_RESOURCE, RESOURCE_COUNT, resourceName, setupFields } from './bench-fields';

// The project shape and the timed resource are shared with the Express bench (bench-express-entry.ts).
export { BENCH_FIELDS, BENCH_RESOURCE, RESOURCE_COUNT, resourceName, setupFields };

export interface SetupResult {
  resources: number;
  files: number;
  ms: number;
}

/** Create the project: init, then RESOURCE_COUNT resources, all written to `root`. */
export async function setupProject(root: string): Promise<SetupResult> {
  const t0 = performance.now();
  let files = 0;
  const init = await planInit(diskFileView(root), { projectName: 'bench' });
  files += (await applyPlanToDisk(root, init)).length;
  for (let i = 1; i <= RESOURCE_COUNT; i++) {
    const name = resourceName(i);
    const names = resourceNames(name);
    if (names.className !== name || names.snake === names.snakePlural) throw new Error(`bad benchmark resource name ${name}`);
    const { plan } = await planNewResource(diskFileView(root), { name, fields: setupFields(i), auth: 'writes' });
    files += (await applyPlanToDisk(root, plan)).length;
  }
  return { resources: RESOURCE_COUNT, files, ms: performance.now() - t0 };
}

/**
 * The timed operation: spec -> planned edits for BENCH_RESOURCE, on disk, dry,
 * through the one generation entry the CLI and the editor call (style
 * inference over the project's Python files included).
 */
export async function planBench(root: string): Promise<EditPlan> {
  const { plan } = await planGeneration(diskFileView(root), { kind: 'resource', name: BENCH_RESOURCE, fields: BENCH_FIELDS, auth: 'writes' });
  return plan;
}

/** Shape check so a broken plan never produces a fast-looking number. */
function checkPlan(plan: EditPlan): { creates: number; modifies: number } {
  const creates = plan.changes.filter((c) => c.kind === 'create').length;
  const modifies = plan.changes.filter((c) => c.kind === 'modify').length;
  if (creates < 4 || modifies !== 2) throw new Error(`unexpected plan: ${creates} created, ${modifies} modified files`);
  return { creates, modifies };
}

/** Fresh process: time the very first New Resource plan, WASM parser load included. */
export async function coldRun(root: string): Promise<Record<string, number>> {
  const sinceStartMs = performance.now(); // Node's time origin is process start
  const t0 = performance.now();
  // Timed apart so the note can say what the one-time WASM compile costs.
  await pythonParser();
  const loaded = performance.now();
  const plan = await planBench(root);
  const end = performance.now();
  return { ms: end - t0, parserLoadMs: loaded - t0, planMs: end - loaded, sinceStartMs, ...checkPlan(plan) };
}

/** One process: a warm-up call, then `n` timed calls. */
export async function warmRun(root: string, n: number): Promise<{ samples: number[]; rssMb: number; maxRssMb: number; creates: number; modifies: number }> {
  const shape = checkPlan(await planBench(root));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const plan = await planBench(root);
    samples.push(performance.now() - t0);
    if (plan.changes.length !== shape.creates + shape.modifies) throw new Error('plan changed between runs');
  }
  return {
    samples,
    rssMb: process.memoryUsage().rss / (1024 * 1024),
    maxRssMb: process.resourceUsage().maxRSS / 1024, // maxRSS is in KiB
    ...shape,
  };
}

// ---- a project of its own style --------------------------------------------

/** How many Python files the styled project is grown to before the timed call. */
export const STYLED_FILE_TARGET = 200;
/** The resource the styled timed call plans; and the fields of it and of the resources that grow the project (the styled emitters' range: no required references). */
export const STYLED_RESOURCE = 'Gadget';
export const STYLED_FIELDS = 'title:str:max=120 code:str:unique:max=20 budget:decimal:min=0 starts_on:date? done:bool=false notes:text? score:float=0.5 level:enum(a|b|c)=a';

/** Python files under `root`, skipping caches and hidden folders. */
export function countPython(root: string): number {
  let n = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== '__pycache__') walk(join(dir, e.name));
      } else if (e.name.endsWith('.py')) n++;
    }
  };
  walk(root);
  return n;
}

/**
 * The styled project: a copy of a fixture project (test/fixtures/projects/<name>),
 * grown with New Resource through planGeneration (each plan applied on disk)
 * until it holds STYLED_FILE_TARGET Python files.
 */
export async function setupStyledProject(root: string, fixtureDir: string): Promise<SetupResult & { style: string }> {
  const t0 = performance.now();
  cpSync(fixtureDir, root, { recursive: true, filter: (src) => !/(^|[\\/])(__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.venv)([\\/]|$)/.test(src) });
  let resources = 0;
  let summary = '';
  while (countPython(root) < STYLED_FILE_TARGET) {
    resources++;
    const name = `Thing${String(resources).padStart(3, '0')}`;
    const generation = await planGeneration(diskFileView(root), { kind: 'resource', name, fields: STYLED_FIELDS, auth: 'writes' });
    if (generation.style.initLayout) throw new Error('the styled bench project was taken for the init layout');
    summary = generation.summary;
    await applyPlanToDisk(root, generation.plan);
  }
  return { resources, files: countPython(root), ms: performance.now() - t0, style: summary };
}

const planStyled = async (root: string): Promise<EditPlan> =>
  (await planGeneration(diskFileView(root), { kind: 'resource', name: STYLED_RESOURCE, fields: STYLED_FIELDS, auth: 'writes' })).plan;

/** Shape check for the styled plan (a routes or router module created, something modified). */
function checkStyledPlan(plan: EditPlan): { creates: number; modifies: number } {
  const creates = plan.changes.filter((c) => c.kind === 'create').length;
  const modifies = plan.changes.filter((c) => c.kind === 'modify').length;
  if (creates < 2 || modifies < 1) throw new Error(`unexpected styled plan: ${creates} created, ${modifies} modified files`);
  return { creates, modifies };
}

/** Fresh process: the first styled New Resource plan (or, with `inferOnly`, the first inferStyle), parser load timed apart. */
export async function styledColdRun(root: string, inferOnly: boolean): Promise<Record<string, number>> {
  const t0 = performance.now();
  await pythonParser();
  const loaded = performance.now();
  if (inferOnly) {
    await inferStyle(diskFileView(root));
    const end = performance.now();
    return { ms: end - t0, parserLoadMs: loaded - t0, afterLoadMs: end - loaded };
  }
  const plan = await planStyled(root);
  const end = performance.now();
  return { ms: end - t0, parserLoadMs: loaded - t0, afterLoadMs: end - loaded, ...checkStyledPlan(plan) };
}

/** One process: a warm-up, then `n` timed planGeneration calls and `n` timed inferStyle calls. */
export async function styledWarmRun(root: string, n: number): Promise<{ samples: number[]; inferSamples: number[]; creates: number; modifies: number }> {
  const shape = checkStyledPlan(await planStyled(root));
  const samples: number[] = [];
  const inferSamples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await planStyled(root);
    samples.push(performance.now() - t0);
  }
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await inferStyle(diskFileView(root));
    inferSamples.push(performance.now() - t0);
  }
  return { samples, inferSamples, ...shape };
}

if (require.main === module) {
  const [mode, root, count] = process.argv.slice(2);
  const job = async (): Promise<unknown> => {
    if (!root) throw new Error('usage: bench.cjs cold|warm ROOT [N]');
    if (mode === 'cold') return coldRun(root);
    if (mode === 'warm') return warmRun(root, Number(count ?? 50));
    if (mode === 'styled-cold') return styledColdRun(root, count === 'infer');
    if (mode === 'styled-warm') return styledWarmRun(root, Number(count ?? 50));
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
