// Rule cases. Each folder test/rules/<rule-id>/ holds small Python files
// (and TypeScript/JavaScript files for the same rule id: `//` comments)
// annotated the way a reviewer reads them:
//   `# ruleid: <id>` on its own line: the next code line must be flagged;
//   `# ok: <id>` on its own line: the next code line is a hard negative and
//   must not be flagged. Any other finding of the rule is a false positive.
// Every fix of every finding must leave parseable code and remove a finding.
// `<name>.fixed.py` beside `<name>.py` is the golden result of applying the
// preferred fix to each finding in turn (UPDATE_GOLDEN=1 writes it for fix*.py). Files under `_project/` feed the
// project facts (settings module, .env.example, auth dependency).
// Precision and recall over all cases are printed at the end.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { applyEdits, collectProjectFacts, EMPTY_FACTS, isTsPath, PythonAnalyzer, RULE_IDS, TsAnalyzer, tsDialectOf, type Finding, type ProjectFacts } from '../../src/core/index';
import { firstSyntaxError, parsePython } from '../../src/core/parse/python';
import { parseTypeScript } from '../../src/core/parse/typescript';
import { TS_RULE_IDS } from '../../src/core/analysis/rules-ts/index';

const ROOT = resolve(__dirname, '../../..');
const CASES = join(ROOT, 'test/rules');
const update = process.env.UPDATE_GOLDEN === '1';

interface Expectations {
  flagged: Set<number>;
  negatives: Set<number>;
}

/** 0-based rows annotated for `rule`: the next line that is neither blank nor a comment. */
export function expectations(source: string, rule: string): Expectations {
  const lines = source.split('\n');
  const result: Expectations = { flagged: new Set(), negatives: new Set() };
  lines.forEach((line, row) => {
    const match = /^\s*(?:#|\/\/)\s*(ruleid|ok):\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$/.exec(line);
    if (!match || !match[2]!.split(',').map((s) => s.trim()).includes(rule)) return;
    let target = row + 1;
    while (target < lines.length && /^\s*((#|\/\/).*)?\r?$/.test(lines[target]!)) target++;
    (match[1] === 'ruleid' ? result.flagged : result.negatives).add(target);
  });
  return result;
}

function rowOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length - 1;
}

function readProject(dir: string): ProjectFacts {
  const project = join(dir, '_project');
  if (!existsSync(project)) return EMPTY_FACTS;
  const files: { path: string; source: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push({ path: relative(project, full).split('\\').join('/'), source: readFileSync(full, 'utf8') });
    }
  };
  walk(project);
  return collectProjectFacts(files);
}

const stats = new Map<string, { tp: number; fp: number; fn: number; tn: number; fixes: number }>();

/** A case file of either language. */
const isCase = (name: string): boolean => (name.endsWith('.py') && !name.endsWith('.fixed.py')) || (isTsPath(name) && !/\.fixed\.[a-z]+$/.test(name));
const fixedName = (name: string): string => name.replace(/\.([a-z]+)$/, '.fixed.$1');

interface AnyAnalyzer {
  analyze: PythonAnalyzer['analyze'];
}

describe('rule cases', () => {
  let python: PythonAnalyzer;
  let typescript: TsAnalyzer;
  const analyzerFor = (file: string): AnyAnalyzer => (isTsPath(file) ? typescript : python);
  before(async () => {
    python = await PythonAnalyzer.create();
    typescript = await TsAnalyzer.create();
  });

  const ruleDirs = readdirSync(CASES).filter((name) => !name.startsWith('_') && statSync(join(CASES, name)).isDirectory());

  it('every rule has cases and a docs page', () => {
    for (const id of RULE_IDS) {
      assert.ok(ruleDirs.includes(id), `test/rules/${id}/ is missing`);
      assert.ok(existsSync(join(ROOT, 'src/core/analysis/docs', `${id}.md`)), `src/core/analysis/docs/${id}.md is missing`);
    }
    for (const dir of ruleDirs) assert.ok(RULE_IDS.includes(dir), `test/rules/${dir}/ names no rule`);
  });

  it('every TypeScript rule has TypeScript/JavaScript cases, under a Python rule id', () => {
    for (const id of TS_RULE_IDS) {
      assert.ok(RULE_IDS.includes(id), `TypeScript rule ${id} has no Python counterpart`);
      assert.ok(existsSync(join(CASES, id)) && readdirSync(join(CASES, id)).some(isTsPath), `test/rules/${id}/ has no .ts/.js cases`);
    }
  });

  for (const rule of ruleDirs) {
    describe(rule, () => {
      const dir = join(CASES, rule);
      const files = readdirSync(dir).filter(isCase).sort();
      const pyCounts = { tp: 0, fp: 0, fn: 0, tn: 0, fixes: 0 };
      const tsCounts = { tp: 0, fp: 0, fn: 0, tn: 0, fixes: 0 };
      stats.set(rule, pyCounts);
      if (files.some(isTsPath)) stats.set(`${rule} (ts/js)`, tsCounts);

      for (const language of ['python', 'ts/js'] as const) {
        const own = files.filter((f) => isTsPath(f) === (language === 'ts/js'));
        if (own.length === 0) continue;
        it(`has ${language} flagged cases and hard negatives`, () => {
          let flagged = 0;
          let negatives = 0;
          for (const file of own) {
            const e = expectations(readFileSync(join(dir, file), 'utf8'), rule);
            flagged += e.flagged.size;
            negatives += e.negatives.size;
          }
          assert.ok(flagged >= 5, `${rule}: only ${flagged} flagged ${language} cases`);
          assert.ok(negatives >= 5, `${rule}: only ${negatives} ${language} hard negatives`);
        });
      }

      for (const file of files) {
        const counts = isTsPath(file) ? tsCounts : pyCounts;
        it(file, async () => {
          const analyzer = analyzerFor(file);
          const path = `cases/${rule}/${file}`;
          const source = readFileSync(join(dir, file), 'utf8');
          const project = readProject(dir);
          const result = analyzer.analyze(path, source, { only: [rule], fixes: true, project });
          assert.deepEqual(result.ruleErrors, [], 'the rule threw');
          const expected = expectations(source, rule);
          const problems: string[] = [];
          const hit = new Set<number>();
          for (const finding of result.findings) {
            const row = rowOf(source, finding.start);
            hit.add(row);
            if (expected.flagged.has(row)) counts.tp++;
            else {
              counts.fp++;
              problems.push(`false positive at line ${row + 1}: ${source.slice(finding.start, finding.end).slice(0, 80)}`);
            }
          }
          for (const row of expected.flagged) {
            if (!hit.has(row)) {
              counts.fn++;
              problems.push(`missed at line ${row + 1}: ${source.split('\n')[row]?.trim()}`);
            }
          }
          for (const row of expected.negatives) if (!hit.has(row)) counts.tn++;
          assert.deepEqual(problems, [], `${file}:\n  ${problems.join('\n  ')}`);

          // Every fix parses and removes a finding of this rule.
          const before = result.findings.length;
          for (const finding of result.findings) {
            for (const fix of finding.fixes) {
              const own = fix.plan.changes.find((c) => c.path === path);
              assert.ok(own && own.kind === 'modify', `${fix.title}: does not edit the file`);
              const fixed = applyEdits(source, own.edits);
              const tree = isTsPath(file) ? await parseTypeScript(fixed, tsDialectOf(file)) : await parsePython(fixed);
              assert.equal(firstSyntaxError(tree), undefined, `${fix.title} at line ${rowOf(source, finding.start) + 1} breaks the syntax:\n${fixed}`);
              for (const other of fix.plan.changes) if (other !== own && other.kind === 'modify') applyEdits(other.original, other.edits);
              const after = analyzer.analyze(path, fixed, { only: [rule], project }).findings.length;
              assert.ok(after < before, `${fix.title} at line ${rowOf(source, finding.start) + 1} leaves ${after} of ${before} findings`);
              counts.fixes++;
            }
            assert.ok(finding.fixes.some((f) => f.title.startsWith('Ignore ')), 'the ignore fix is offered');
          }

          const goldenPath = join(dir, fixedName(file));
          if (existsSync(goldenPath) || (update && file.startsWith('fix'))) {
            const fixedAll = applyPreferredFixes(analyzer, path, source, rule, project);
            if (update && fixedAll !== source) writeFileSync(goldenPath, fixedAll);
            else if (existsSync(goldenPath)) assert.equal(fixedAll, readFileSync(goldenPath, 'utf8'));
          }
        });
      }
    });
  }

  after(() => {
    const rows: string[] = [];
    let total = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const [rule, c] of stats) {
      total = { tp: total.tp + c.tp, fp: total.fp + c.fp, fn: total.fn + c.fn, tn: total.tn + c.tn };
      rows.push(`  ${rule.padEnd(30)} flagged ${String(c.tp + c.fn).padStart(3)}  negatives ${String(c.tn).padStart(3)}  precision ${ratio(c.tp, c.tp + c.fp)}  recall ${ratio(c.tp, c.tp + c.fn)}  fixes checked ${c.fixes}`);
    }
    rows.push(`  ${'all rules'.padEnd(30)} flagged ${String(total.tp + total.fn).padStart(3)}  negatives ${String(total.tn).padStart(3)}  precision ${ratio(total.tp, total.tp + total.fp)}  recall ${ratio(total.tp, total.tp + total.fn)}`);
    console.log(`\n  rule cases (own cases):\n${rows.join('\n')}`);
  });
});

function ratio(a: number, b: number): string {
  return b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`;
}

/** Apply the preferred (else first non-ignore) fix of the first fixable finding until none is left. */
function applyPreferredFixes(analyzer: AnyAnalyzer, path: string, source: string, rule: string, project: ProjectFacts): string {
  let text = source;
  for (let i = 0; i < 50; i++) {
    const findings: readonly Finding[] = analyzer.analyze(path, text, { only: [rule], fixes: true, project }).findings;
    const fixable = findings.map((f) => f.fixes.find((x) => x.preferred) ?? f.fixes.find((x) => !x.title.startsWith('Ignore '))).find((x) => x);
    const own = fixable?.plan.changes.find((c) => c.path === path);
    if (!own || own.kind !== 'modify') return text;
    text = applyEdits(text, own.edits);
  }
  return text;
}
