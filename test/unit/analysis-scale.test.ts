// Whole-file analysis of 20,000-line generated Python and TypeScript files
// (test/support/bigSource.ts) with every rule on: it must finish within the
// mocha timeout with no rule failing. A cost that grows with routes x lines
// (a regex per route over the file, a `.parent` walk from module level per
// name) turns this into minutes. How each rule's cost grows is measured by
// `npm run bench` (the scaling entry), never asserted here.
import assert from 'node:assert/strict';
import { PythonAnalyzer, RULE_IDS, TsAnalyzer } from '../../src/core/index';
import { TS_RULE_IDS } from '../../src/core/analysis/rules-ts/index';
import { bigPythonSource, bigTypeScriptSource } from '../support/bigSource';

const LINES = 20_000;
/** Every rule at warning, whatever its default. */
const allOn = (ids: readonly string[]): Record<string, 'warning'> => Object.fromEntries(ids.map((id) => [id, 'warning' as const]));

describe('analysis of a 20,000-line file', function () {
  // Generous for a loaded 2-core machine: a linear analysis takes a few seconds, a quadratic one minutes.
  this.timeout(120_000);

  it('Python: every rule runs to the end', async () => {
    const source = bigPythonSource(LINES);
    assert.ok(source.split('\n').length >= LINES, 'the generated file has the asked-for size');
    const analyzer = await PythonAnalyzer.create();
    const result = analyzer.analyze('app/big.py', source, { rules: allOn(RULE_IDS) });
    assert.equal(result.skipped, undefined);
    assert.deepEqual(result.ruleErrors, []);
    // The generated code holds what the rules look for: findings of several rules, not an early exit.
    assert.ok(new Set(result.findings.map((f) => f.rule)).size >= 3, 'findings of several rules');
  });

  it('TypeScript: every rule runs to the end', async () => {
    const source = bigTypeScriptSource(LINES);
    assert.ok(source.split('\n').length >= LINES, 'the generated file has the asked-for size');
    const analyzer = await TsAnalyzer.create();
    const result = analyzer.analyze('src/big.ts', source, { rules: allOn(TS_RULE_IDS) });
    assert.equal(result.skipped, undefined);
    assert.deepEqual(result.ruleErrors, []);
    assert.ok(new Set(result.findings.map((f) => f.rule)).size >= 3, 'findings of several rules');
  });
});
