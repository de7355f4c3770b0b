// Benchmark entry for `npm run bench`: bundled on the fly by scripts/bench.mjs
// (esbuild, CJS, into node_modules/.cache/backend-skill-bench/ so that the
// tree-sitter WASM files resolve from node_modules), never shipped.
//
// Required as a module it exports the setup and the measured operation;
// run as a script it measures in a fresh process and prints one JSON line:
//   node bench.cjs cold ROOT   -> the first planNewResource (incl. WASM load)
//   node bench.cjs warm ROOT N -> one warm-up, then N timed planNewResource calls
// The plan is never applied: only "spec -> planned edits" is timed.
import { planInit, planNewResource, resourceNames, type EditPlan } from '../src/core/index';
import { applyPlanToDisk, diskFileView } from '../src/cli/nodeFiles';
import { pythonParser } from '../src/core/parse/python';

/** Number of resources the benchmark project holds before the timed call. */
export const RESOURCE_COUNT = 50;

/** The name of the resource the timed call plans (not present in the project). */
export const BENCH_RESOURCE = 'Gadget';

/**
 * 20 fields covering every type (str text int float decimal bool date datetime
 * uuid email url json enum list[str] ref), the modifiers unique/index/max/min,
 * optional fields and defaults (literal, factory and null).
 */
export const BENCH_FIELDS = [
  'title:str:max=200:min=1',
  'sku:str:unique:index:max=40',
  'body:text?',
  'quantity:int=0:min=0:max=100000',
  'weight:float?:max=1000',
  'price:decimal=9.99:min=0',
  'active:bool=true',
  'released_on:date=today',
  'published_at:datetime?',
  'external_id:uuid=uuid4:unique',
  'contact:email:index',
  'homepage:url?',
  'extra:json={}',
  'level:enum(a|b|c)=a:index',
  'tags:list[str]=[]:max=10',
  'owner:ref(Item01)',
  'parent:ref(Item25)?',
  'nickname:str?=null',
  'rank:int:index',
  'score:float=0.5:min=0',
].join(' ');

/** `Item01` .. `Item50`: names the validator accepts (distinct singular and plural). */
export function resourceName(i: number): string {
  return `Item${String(i).padStart(2, '0')}`;
}

/** Varied field specs for the i-th (1-based) setup resource; some refer to earlier ones. */
export function setupFields(i: number): string {
  const pool = [
    'name:str:max=120',
    'description:text?',
    'count:int=0:min=0',
    'ratio:float?',
    'amount:decimal:min=0',
    'enabled:bool=false',
    'due_on:date?',
    'seen_at:datetime=now',
    'token:uuid=uuid4:unique',
    'email:email:unique',
    'link:url?',
    'payload:json?',
    'state:enum(new|open|closed)=new',
    'labels:list[str]=[]',
  ];
  const fields: string[] = [];
  const n = 3 + (i % 6); // 3..8 fields
  for (let k = 0; k < n; k++) fields.push(pool[(i * 5 + k) % pool.length]!);
  if (i > 1 && i % 3 === 0) fields.push(`prev:ref(${resourceName(i - 1)})`);
  if (i > 5 && i % 4 === 0) fields.push(`origin:ref(${resourceName(1 + (i % 5))})?`);
  return fields.join(' ');
}

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

/** The timed operation: spec -> planned edits for BENCH_RESOURCE, on disk, dry. */
export async function planBench(root: string): Promise<EditPlan> {
  const { plan } = await planNewResource(diskFileView(root), { name: BENCH_RESOURCE, fields: BENCH_FIELDS, auth: 'writes' });
  return plan;
}

/** Shape check so a broken plan never produces a fast-looking number. */
function checkPlan(plan: EditPlan): { creates: number; modifies: number } {
  const creates = plan.changes.filter((c) => c.kind === 'create').length;
  const modifies = plan.changes.filter((c) => c.kind === 'modify').length;
  if (creates < 4 || modifies !== 2) throw new Error(`unexpected plan: ${creates} created, ${modifies} modified files`);
  return { creates, modifies };
}

/** Fresh process: time the very first planNewResource, WASM parser load included. */
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

if (require.main === module) {
  const [mode, root, count] = process.argv.slice(2);
  const job = async (): Promise<unknown> => {
    if (!root) throw new Error('usage: bench.cjs cold|warm ROOT [N]');
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
