#!/usr/bin/env node
// Precision on real code: re-runs `check` on local checkouts of the public
// projects judged in test/real-code/<project>.json (every finding marked
// true/false/debatable by hand) and prints, per rule, findings / true / false
// / debatable / precision, and the recall on the project's published
// vulnerabilities. Findings nobody has judged yet are listed so they can be.
//
//   node scripts/real-code.mjs <project> <checkout-dir> [--cli path/to/cli.js]
//   node scripts/real-code.mjs --all <dir holding one checkout per project> [--cli ...]
//
// The checkout must be at the commit recorded in the judged list (lines are
// matched exactly). --cli measures another build (e.g. an older release).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JUDGED = join(ROOT, 'test/real-code');

const args = process.argv.slice(2);
const cliAt = args.indexOf('--cli');
const cli = cliAt >= 0 ? resolve(args.splice(cliAt, 2)[1]) : join(ROOT, 'dist/cli.js');
if (!existsSync(cli)) fail(`${cli} not found: run npm run build first`);

const jobs = [];
if (args[0] === '--all' && args[1]) {
  for (const file of readdirSync(JUDGED).filter((f) => f.endsWith('.json'))) {
    const name = file.replace(/\.json$/, '');
    const dir = join(resolve(args[1]), name);
    if (existsSync(dir)) jobs.push([name, dir]);
    else console.log(`(skipped ${name}: no checkout at ${dir})`);
  }
} else if (args.length === 2) jobs.push([args[0], resolve(args[1])]);
else fail('usage: node scripts/real-code.mjs <project> <checkout-dir> | --all <dir> [--cli path/to/cli.js]');

const totals = [];
for (const [name, dir] of jobs) totals.push(measure(name, dir));
if (totals.length > 1) {
  console.log('\nAll projects');
  table(totals.map((t) => [t.name, t.counts]));
}

function measure(name, dir) {
  const listFile = join(JUDGED, `${name}.json`);
  if (!existsSync(listFile)) fail(`no judged list ${listFile}`);
  const judged = JSON.parse(readFileSync(listFile, 'utf8'));
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'check', ...judged.scope, '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    // exit 1 means findings were reported; anything else is a real failure.
    if (err.status !== 1) fail(`check failed on ${dir}: ${err.stderr || err.message}`);
    out = err.stdout;
  }
  const findings = JSON.parse(out);
  const verdicts = new Map(judged.findings.map((f) => [`${f.path}:${f.line}:${f.rule}`, f]));
  const perRule = new Map();
  const unjudged = [];
  for (const f of findings) {
    const v = verdicts.get(`${f.file}:${f.line}:${f.rule}`);
    const row = perRule.get(f.rule) ?? { findings: 0, true: 0, false: 0, debatable: 0 };
    perRule.set(f.rule, row);
    row.findings++;
    if (v) row[v.verdict]++;
    else unjudged.push(f);
  }
  console.log(`\n${name} (${judged.source} @ ${judged.commit.slice(0, 7)}; ${judged.scope.join(' ')})`);
  const rows = [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b));
  const counts = sum(rows.map(([, r]) => r));
  table([...rows, ['total', counts]]);
  if (judged.published?.length) {
    const found = judged.published.filter((p) =>
      findings.some((f) => f.file === p.path && p.rules.includes(f.rule) && f.line >= p.lines[0] && f.line <= p.lines[1]),
    );
    console.log(`recall on the published vulnerabilities: ${found.length}/${judged.published.length}`);
    for (const p of judged.published) console.log(`  ${found.includes(p) ? 'found ' : 'missed'}  ${p.name}`);
  }
  if (unjudged.length) {
    console.log(`${unjudged.length} finding(s) not judged yet (add them to ${listFile}):`);
    for (const f of unjudged) console.log(`  ${f.file}:${f.line} ${f.rule}`);
  }
  return { name, counts };
}

function sum(rows) {
  const t = { findings: 0, true: 0, false: 0, debatable: 0 };
  for (const r of rows) for (const k of Object.keys(t)) t[k] += r[k];
  return t;
}

function table(rows) {
  const pct = (n, d) => (d ? (n / d).toFixed(2) : ' n/a');
  console.log(`  ${'rule or project'.padEnd(28)} findings  true  false  debatable  precision  (without debatable)`);
  for (const [rule, r] of rows) {
    const line = `  ${rule.padEnd(28)} ${String(r.findings).padStart(8)}  ${String(r.true).padStart(4)}  ${String(r.false).padStart(5)}  ${String(r.debatable).padStart(9)}`;
    console.log(`${line}  ${pct(r.true, r.findings).padStart(9)}  ${pct(r.true, r.true + r.false).padStart(19)}`);
  }
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
