// The analysis config in the core: config files, precedence, --rules lists,
// exclude globs (the CLI's matcher and the editor's findFiles glob agree).
import assert from 'node:assert/strict';
import { excludeGlob, excludeMatcher, parseRuleList, resolveConfig, withRules } from '../../src/core/index';
import { DEFAULT_EXCLUDES } from '../../src/core/analysis/config';
import { formatText } from '../../src/core/index';
import { docsSummary } from '../../src/core/analysis/report';

describe('analysis config', () => {
  it('reads pyproject.toml then .backend-skill.json (later wins per rule), excludes added to the defaults', () => {
    const problems: string[] = [];
    const files: Record<string, string> = {
      'pyproject.toml': '[tool.backend-skill]\nexclude = ["migrations"]\n[tool.backend-skill.rules]\nssrf = "off"\ndebug-enabled = "info"\n',
      '.backend-skill.json': '{"rules": {"ssrf": "error"}, "exclude": ["*_pb2.py", "migrations"]}',
    };
    const config = resolveConfig((name) => files[name], problems);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { ssrf: 'error', 'debug-enabled': 'info' });
    assert.deepEqual(config.exclude, [...DEFAULT_EXCLUDES, 'migrations', '*_pb2.py']);
    assert.deepEqual(withRules(config, { ssrf: 'warning', 'sql-injection': undefined }).rules, { ssrf: 'warning', 'debug-enabled': 'info' });
  });

  it('ignores a pyproject.toml without the section and reports bad shapes', () => {
    const problems: string[] = [];
    assert.deepEqual(resolveConfig((n) => (n === 'pyproject.toml' ? '[project]\nname = "x"\n' : undefined), problems).rules, {});
    assert.deepEqual(problems, []);
    resolveConfig((n) => (n === '.backend-skill.json' ? '{"rules": [], "exclude": "venv"}' : undefined), problems);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^\.backend-skill\.json: expected \{ rules/);
  });

  it('parses --rules lists', () => {
    assert.deepEqual(parseRuleList('ssrf, sql-injection'), { rules: {}, only: ['ssrf', 'sql-injection'] });
    assert.deepEqual(parseRuleList('ssrf=off,debug-enabled=error'), { rules: { ssrf: 'off', 'debug-enabled': 'error' }, only: undefined });
    assert.deepEqual(parseRuleList('ssrf,debug-enabled=error'), { rules: { 'debug-enabled': 'error' }, only: ['ssrf', 'debug-enabled'] });
    assert.throws(() => parseRuleList('nope'), /unknown rule "nope"/);
    assert.throws(() => parseRuleList('ssrf=loud'), /unknown severity "loud"/);
    assert.throws(() => parseRuleList(','), /at least one rule/);
  });

  it('matches excludes by name anywhere or by path from the root, and the findFiles glob says the same', () => {
    const patterns = [...DEFAULT_EXCLUDES, '*_pb2.py', 'app/legacy/**', 'scripts/', 'generated/**'];
    const excluded = excludeMatcher(patterns);
    const cases: [string, boolean][] = [
      ['.venv/lib/x.py', true],
      ['src/venv/x.py', true],
      ['a/b/node_modules/c.py', true],
      ['lib/python3.11/site-packages/fastapi/x.py', true],
      ['app/api_pb2.py', true],
      ['app/legacy/old.py', true],
      ['app/legacy', true],
      ['scripts/dev.py', true],
      ['tools/scripts/dev.py', true], // a trailing slash only, as in .gitignore: any level
      ['tools/app/legacy/x.py', false],
      ['generated/x.py', true],
      ['app/generated/x.py', false], // a/** is anchored at the root
      ['app/main.py', false],
      ['app/venvironment.py', false],
      ['app/builder.py', false],
      ['app/legacy_code.py', false],
    ];
    const glob = excludeGlob(patterns);
    assert.ok(glob.startsWith('{') && glob.endsWith('}'));
    for (const [path, expected] of cases) assert.equal(excluded(path), expected, path);
    assert.match(glob, /\*\*\/\.venv\/\*\*/);
    assert.match(glob, /app\/legacy\/\*\*/);
  });

  it('text report: a summary even when clean; docs summary skips the title and severity lines', () => {
    assert.equal(formatText([]), 'No problems found (0 files checked).\n');
    assert.equal(docsSummary('# x\n\n**Severity:** warning\n\nFirst line\nsecond line.\n\n## More\n'), 'First line second line.');
  });
});
