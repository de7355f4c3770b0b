// compat's verdicts checked against what actually happens at runtime. A
// FastAPI project is generated (init + one resource), its own pytest suite
// runs green, and its static contract is kept as the base. Then each edit
// below — one per change class compat knows — is applied to a copy of the
// project's source, compat judges the copy against the base contract, and the
// OLD generated tests run against the NEW app:
//   - a change compat calls compatible must keep every old test green;
//   - a change compat calls breaking must turn at least one old test red;
// unless the variant is listed in one of the two tables below with its reason
// (the generated tests cannot see the change, or they test the server's own
// rejection of input rather than a client's use of the API), and then the
// listed outcome must be exactly what happens, so the tables cannot go stale.
// Every variant also names the change class it is written to produce, which
// compat must report with that verdict. A red test only counts when it failed
// in the test code itself (an assertion on a response): an edit that crashes
// the app would otherwise pass for an observed break.
// The pytest runs happen in two Python processes (the app and tests modules are
// dropped between runs), on SQLite, so the whole check takes well under 2 minutes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diskSources } from '../../src/cli/contractSources';
import { run } from '../../src/cli/main';
import { compatFindings } from '../../src/core/compat/editor';
import { resultingText } from '../../src/core/plan/editPlan';
import type { Change, Verdict } from '../../src/core/compat/diff';
import { cli, venvPython } from '../support/api';
import { runPython } from '../support/fixtureProjects';

const SCHEMAS = 'app/schemas/book.py';
const MODEL = 'app/models/book.py';
const ROUTER = 'app/routers/books.py';
const FIELDS = 'title:str:max=200 isbn:str:unique price:decimal:min=0 pages:int:min=1:max=10000 rating:float? status:enum(draft|live|gone) published:bool=false';

/** A literal text edit on one file; `all` replaces every occurrence, else the text must occur exactly once. */
interface Edit {
  readonly file: string;
  readonly from: string | RegExp;
  readonly to: string;
}

interface Variant {
  readonly name: string;
  /** The change class the edit is written to produce, with the verdict it must get (none: compat must report nothing worse than compatible). */
  readonly expect: { kind: string; verdict: Verdict } | 'no-change';
  readonly edits: readonly Edit[];
}

const BOOK_PUBLIC = 'class BookPublic(BookBase):\n    model_config = ConfigDict(from_attributes=True)\n\n    id: int\n';
const GET_ONE = '@router.get(\n    "/{book_id}",\n    response_model=BookPublic,\n    summary="Get a book",\n';
const GET_ONE_DEF = 'async def get_book(book_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> Book:\n    return await get_or_404(repo, book_id)\n';
const LIST_PARAMS = '    repo: RepositoryDep,\n    limit: Annotated[int, Query(ge=1, le=100)] = 50,\n    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,\n';
const CREATE_DECORATOR = '    summary="Create a book",\n    dependencies=[Depends(get_current_user)],\n';
const FORBID_CREATE = '    """Body of POST and PUT (a full replacement)."""\n\n    model_config = ConfigDict(extra="forbid")\n';
const RATING_BASE = '    rating: FiniteFloat | None = None\n    status: Literal["draft", "live", "gone"]\n';

const VARIANTS: readonly Variant[] = [
  {
    name: 'response field removed',
    expect: { kind: 'response-field-removed', verdict: 'breaking' },
    // BookPublic stops inheriting the write model and lists what it returns, without rating.
    edits: [{ file: SCHEMAS, from: BOOK_PUBLIC, to: 'class BookPublic(BaseModel):\n    model_config = ConfigDict(from_attributes=True)\n\n    id: int\n    title: BookTitle\n    isbn: BookIsbn\n    price: BookPrice\n    pages: BookPages\n    status: Literal["draft", "live", "gone"]\n    published: bool = False\n' }],
  },
  {
    name: 'field renamed (column, request and response)',
    expect: { kind: 'response-field-renamed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: /\bpublished\b/g, to: 'is_published' }, { file: MODEL, from: /\bpublished\b/g, to: 'is_published' }],
  },
  {
    name: 'required request field added',
    expect: { kind: 'request-field-added-required', verdict: 'breaking' },
    edits: [
      { file: SCHEMAS, from: '    published: bool = False\n\n\nclass BookCreate', to: '    published: bool = False\n    subtitle: SafeStr\n\n\nclass BookCreate' },
      { file: MODEL, from: '    published: Mapped[bool] = mapped_column(Boolean)\n', to: '    published: Mapped[bool] = mapped_column(Boolean)\n    subtitle: Mapped[str] = mapped_column(String(200))\n' },
    ],
  },
  {
    name: 'optional request field added',
    expect: { kind: 'request-field-added-optional', verdict: 'compatible' },
    edits: [
      { file: SCHEMAS, from: '    published: bool = False\n\n\nclass BookCreate', to: '    published: bool = False\n    subtitle: SafeStr | None = None\n\n\nclass BookCreate' },
      { file: MODEL, from: '    published: Mapped[bool] = mapped_column(Boolean)\n', to: '    published: Mapped[bool] = mapped_column(Boolean)\n    subtitle: Mapped[str | None] = mapped_column(String(200))\n' },
    ],
  },
  {
    name: 'request type narrowed (float → int)',
    expect: { kind: 'request-type-narrowed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: RATING_BASE, to: RATING_BASE.replace('FiniteFloat', 'int') }],
  },
  {
    name: 'max_length tightened',
    expect: { kind: 'constraint-tightened', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: 'Field(max_length=200)', to: 'Field(max_length=100)' }],
  },
  {
    name: 'minimum raised',
    expect: { kind: 'constraint-tightened', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: 'Field(ge=1, le=10000)', to: 'Field(ge=50, le=10000)' }],
  },
  {
    name: 'enum value removed',
    expect: { kind: 'enum-value-removed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: /Literal\["draft", "live", "gone"\]/g, to: 'Literal["draft", "gone"]' }],
  },
  {
    name: 'enum value added',
    expect: { kind: 'enum-value-added', verdict: 'compatible' },
    edits: [{ file: SCHEMAS, from: /Literal\["draft", "live", "gone"\]/g, to: 'Literal["draft", "live", "gone", "archived"]' }],
  },
  {
    name: 'optional field made required',
    expect: { kind: 'request-field-made-required', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: RATING_BASE, to: RATING_BASE.replace(' = None', '') }],
  },
  {
    name: 'success status changed (201 → 200)',
    expect: { kind: 'success-status-changed', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: 'status_code=status.HTTP_201_CREATED', to: 'status_code=status.HTTP_200_OK' }],
  },
  {
    name: 'route added',
    expect: { kind: 'operation-added', verdict: 'compatible' },
    edits: [{ file: ROUTER, from: /$(?![\s\S])/, to: '\n\n@router.get("/{book_id}/summary", summary="A book\'s title")\nasync def get_book_summary(book_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> dict[str, str]:\n    item = await get_or_404(repo, book_id)\n    return {"title": item.title}\n' }],
  },
  {
    name: 'body constraint relaxed (max_length 200 → 500)',
    expect: { kind: 'constraint-relaxed', verdict: 'compatible' },
    edits: [{ file: SCHEMAS, from: 'Field(max_length=200)', to: 'Field(max_length=500)' }, { file: MODEL, from: 'mapped_column(String(200))', to: 'mapped_column(String(500))' }],
  },
  {
    name: 'query constraint relaxed (limit ≤ 100 → ≤ 500)',
    expect: { kind: 'constraint-relaxed', verdict: 'compatible' },
    edits: [{ file: ROUTER, from: 'Query(ge=1, le=100)', to: 'Query(ge=1, le=500)' }],
  },
  {
    name: 'route removed (DELETE)',
    expect: { kind: 'operation-removed', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: /\n\n@router\.delete\([\s\S]*$/, to: '\n' }],
  },
  {
    name: 'method changed (PUT → POST)',
    expect: { kind: 'method-changed', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: '@router.put(', to: '@router.post(' }],
  },
  {
    name: 'path parameter renamed',
    expect: { kind: 'path-param-renamed', verdict: 'potentially-breaking' },
    edits: [{ file: ROUTER, from: GET_ONE, to: GET_ONE.replace('{book_id}', '{item_id}') }, { file: ROUTER, from: GET_ONE_DEF, to: GET_ONE_DEF.replace(/book_id/g, 'item_id') }],
  },
  {
    name: 'operation marked deprecated',
    expect: 'no-change',
    edits: [{ file: ROUTER, from: GET_ONE, to: `${GET_ONE}    deprecated=True,\n` }],
  },
  {
    name: 'field marked deprecated (response and request)',
    expect: 'no-change',
    edits: [{ file: SCHEMAS, from: RATING_BASE, to: RATING_BASE.replace('= None', '= Field(default=None, deprecated=True)') }],
  },
  {
    name: 'extra="forbid" removed from the create body',
    expect: { kind: 'request-extra-allowed', verdict: 'compatible' },
    edits: [{ file: SCHEMAS, from: FORBID_CREATE, to: '    """Body of POST and PUT (a full replacement)."""\n' }],
  },
  {
    name: 'required query parameter added',
    expect: { kind: 'param-added-required', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: LIST_PARAMS, to: LIST_PARAMS.replace('    repo: RepositoryDep,\n', '    repo: RepositoryDep,\n    q: Annotated[str, Query(max_length=100)],\n') }],
  },
  {
    name: 'optional query parameter added',
    expect: { kind: 'param-added-optional', verdict: 'compatible' },
    edits: [{ file: ROUTER, from: LIST_PARAMS, to: `${LIST_PARAMS}    q: Annotated[str | None, Query(max_length=100)] = None,\n` }],
  },
  {
    name: 'query parameter removed',
    expect: { kind: 'param-removed', verdict: 'potentially-breaking' },
    edits: [{ file: ROUTER, from: LIST_PARAMS, to: LIST_PARAMS.replace(/ {4}offset.*\n/, '') }, { file: ROUTER, from: 'repo.page(limit=limit, offset=offset)', to: 'repo.page(limit=limit, offset=0)' }],
  },
  {
    name: 'auth added to a read',
    expect: { kind: 'auth-added', verdict: 'breaking' },
    edits: [{ file: ROUTER, from: GET_ONE, to: `${GET_ONE}    dependencies=[Depends(get_current_user)],\n` }],
  },
  {
    name: 'auth removed from a write',
    expect: { kind: 'auth-removed', verdict: 'compatible' },
    edits: [{ file: ROUTER, from: CREATE_DECORATOR, to: '    summary="Create a book",\n' }],
  },
  {
    name: 'response type changed (count int → str)',
    expect: { kind: 'response-type-changed', verdict: 'breaking' },
    edits: [{ file: SCHEMAS, from: '    count: int\n', to: '    count: str\n' }, { file: ROUTER, from: 'count=count)', to: 'count=str(count))' }],
  },
];

/** Breaking changes the generated tests cannot see: they must stay green, and why. */
const UNOBSERVED: Readonly<Record<string, string>> = {
  'max_length tightened': 'the generated payloads use short titles (12-13 characters); no test sends one between the new and the old limit',
  'optional field made required': 'the generated payload always sends every field, optional ones included, so no old request omits rating',
  'auth added to a read': 'the generated tests send the bearer token on every call, reads included',
};

/** Compatible changes that turn old tests red, the tests they turn red, and why: each test asserts the server's own rejection of input (a 401 or 422), which no client relies on. */
const RED_BUT_COMPATIBLE: Readonly<Record<string, { tests: string[]; reason: string }>> = {
  'query constraint relaxed (limit ≤ 100 → ≤ 500)': { tests: ['tests/test_books.py::test_list_books_paginates'], reason: 'the test asserts limit=101 is rejected with 422' },
  'extra="forbid" removed from the create body': { tests: ['tests/test_books.py::test_invalid_book_is_422'], reason: 'the test asserts an unknown field is rejected with 422' },
  'auth removed from a write': { tests: ['tests/test_books.py::test_book_writes_require_auth'], reason: 'the test asserts an anonymous write is rejected with 401' },
};

/**
 * The versioned-route quick fix, as the editor offers it on the variant's finding of `kind`, applied to a
 * further copy: where offered, the old tests must pass against the fixed app (the old operations really
 * serve the old shape), unless `red` lists why not; `offered: false` where the planner must decline.
 */
const VERSIONED: readonly { variant: string; kind: string; offered: boolean; red?: { tests: string[]; reason: string } }[] = [
  { variant: 'response field removed', kind: 'response-field-removed', offered: true },
  { variant: 'success status changed (201 → 200)', kind: 'success-status-changed', offered: true },
  { variant: 'response type changed (count int → str)', kind: 'response-type-changed', offered: true },
  // The ORM column was renamed too: the old handler would run on storage it was not written for.
  { variant: 'field renamed (column, request and response)', kind: 'response-field-renamed', offered: false },
  // Request-side: a kept old route would store values the new response models reject (seen when this was
  // offered: a book written through the old PUT with status "live" made the new PATCH fail response validation).
  { variant: 'enum value removed', kind: 'enum-value-removed', offered: false },
  { variant: 'required request field added', kind: 'request-field-added-required', offered: false },
];

/** Runs each project's tests in one interpreter: app and tests modules are dropped between runs, the heavy imports (FastAPI, SQLAlchemy, pytest) stay. */
const DRIVER = String.raw`
import json, os, sys
import pytest

class Collect:
    def __init__(self):
        self.passed, self.failed, self.errors = [], {}, []
    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(str(report.longrepr)[-2000:])
    def pytest_runtest_logreport(self, report):
        name = report.nodeid
        if report.failed:
            crash = getattr(report.longrepr, "reprcrash", None)
            self.failed[name] = {"when": report.when, "path": getattr(crash, "path", ""), "message": getattr(crash, "message", str(report.longrepr))[-400:]}
        elif report.passed and report.when == "call":
            self.passed.append(name)

jobs = json.load(open(sys.argv[1]))
results = {}
for job in jobs:
    for name in [m for m in sys.modules if m in ("app", "tests") or m.startswith(("app.", "tests."))]:
        del sys.modules[name]
    os.chdir(job["dir"])
    sys.path.insert(0, job["dir"])
    collect = Collect()
    code = pytest.main(["-p", "no:cacheprovider", "-q", "--no-header", *job["tests"]], plugins=[collect])
    sys.path.remove(job["dir"])
    results[job["name"]] = {"code": int(code), "passed": collect.passed, "failed": collect.failed, "errors": collect.errors}
json.dump(results, open(sys.argv[2], "w"))
`;

interface PytestResult {
  code: number;
  passed: string[];
  failed: Record<string, { when: string; path: string; message: string }>;
  errors: string[];
}

function applyEdit(root: string, edit: Edit): void {
  const file = path.join(root, edit.file);
  const text = fs.readFileSync(file, 'utf8');
  let next: string;
  if (typeof edit.from === 'string') {
    const count = text.split(edit.from).length - 1;
    assert.equal(count, 1, `${edit.file} holds ${JSON.stringify(edit.from)} exactly once (found ${count})`);
    next = text.replace(edit.from, () => edit.to);
  } else {
    assert.ok(edit.from.test(text), `${edit.file} matches ${String(edit.from)}`);
    edit.from.lastIndex = 0;
    next = text.replace(edit.from, edit.to);
  }
  assert.notEqual(next, text, `the edit changes ${edit.file}`);
  fs.writeFileSync(file, next);
}

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run(args, (s) => (out += s), (s) => (out += s));
  return { code, out };
}

const RANK: Record<Verdict, number> = { compatible: 0, 'potentially-breaking': 1, breaking: 2 };
const worst = (changes: readonly Change[]): Verdict | 'none' => (changes.length === 0 ? 'none' : changes.reduce<Verdict>((w, c) => (RANK[c.verdict] > RANK[w] ? c.verdict : w), 'compatible'));

describe('compat cross-checked at runtime: old generated tests against the edited app', function () {
  this.timeout(300_000);
  let python: string | undefined;
  let work = '';
  let baseDoc = '';
  const verdicts = new Map<string, Change[]>();
  const versionedFixes = new Map<string, string | undefined>();
  const fixedVerdicts = new Map<string, Change[]>();
  const fixedOperations = new Map<string, readonly string[]>();
  let results: Record<string, PytestResult> = {};

  before(async function () {
    python = await venvPython();
    if (!python) return this.skip();
    const started = Date.now();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-skill-xcheck-'));
    const base = path.join(work, 'base');
    await cli(['init', 'fastapi', '--root', base]);
    await cli(['new', 'resource', 'book', '--fields', FIELDS, '--auth', 'writes', '--root', base]);
    const doc = await capture(['openapi', base]);
    assert.equal(doc.code, 0, doc.out);
    baseDoc = path.join(work, 'old-openapi.json');
    fs.writeFileSync(baseDoc, doc.out);
    // The snapshot's whole suite runs once; the variants run the resource's tests (the edits touch only its files,
    // and the auth tests' password hashing would dominate the run time).
    const jobs = [{ name: 'base', dir: base, tests: ['tests'] }];
    for (const [i, variant] of VARIANTS.entries()) {
      const dir = path.join(work, `v${i}`);
      fs.cpSync(base, dir, { recursive: true });
      for (const edit of variant.edits) applyEdit(dir, edit);
      const compat = await capture(['compat', dir, '--base-file', baseDoc, '--format', 'json']);
      assert.ok(compat.code === 0 || compat.code === 1, `compat on "${variant.name}" failed:\n${compat.out}`);
      verdicts.set(variant.name, (JSON.parse(compat.out) as { changes: Change[] }).changes);
      jobs.push({ name: variant.name, dir, tests: ['tests/test_books.py'] });
    }
    const baseFiles = diskSources(base);
    for (const [i, v] of VERSIONED.entries()) {
      const from = path.join(work, `v${VARIANTS.findIndex((x) => x.name === v.variant)}`);
      const findings = await compatFindings(baseFiles, diskSources(from));
      const finding = findings.find((f) => f.kind === v.kind);
      assert.ok(finding, `${v.variant}: a ${v.kind} finding`);
      const fix = finding.fixes.find((f) => f.title.includes('/v2'));
      versionedFixes.set(v.variant, fix?.title);
      if (!fix) continue;
      fixedOperations.set(v.variant, finding.operations);
      const dir = path.join(work, `fixed${i}`);
      fs.cpSync(from, dir, { recursive: true });
      for (const change of fix.plan.changes) {
        assert.equal(change.kind === 'modify' && change.original, fs.readFileSync(path.join(dir, change.path), 'utf8'));
        fs.writeFileSync(path.join(dir, change.path), resultingText(change));
      }
      const compat = await capture(['compat', dir, '--base-file', baseDoc, '--format', 'json']);
      fixedVerdicts.set(v.variant, (JSON.parse(compat.out) as { changes: Change[] }).changes);
      jobs.push({ name: `fixed: ${v.variant}`, dir, tests: ['tests/test_books.py'] });
    }
    console.log(`      (generated and judged in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    // Two interpreters, half the projects each (the machine has two cores or more).
    fs.writeFileSync(path.join(work, 'driver.py'), DRIVER);
    const halves = [0, 1].map((h) => jobs.filter((_, i) => i % 2 === h));
    const outputs = await Promise.all(halves.map(async (half, h) => {
      const jobsFile = path.join(work, `jobs${h}.json`);
      const resultsFile = path.join(work, `results${h}.json`);
      fs.writeFileSync(jobsFile, JSON.stringify(half));
      const ran = await runPython(work, [path.join(work, 'driver.py'), jobsFile, resultsFile], {}, 240_000);
      assert.ok(fs.existsSync(resultsFile), `the pytest driver failed:\n${ran.output.slice(-6000)}`);
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Record<string, PytestResult>;
    }));
    console.log(`      (pytest for ${jobs.length} projects in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    results = Object.assign({}, ...outputs) as Record<string, PytestResult>;
    // The table the report quotes: variant, worst verdict, the change kinds, old tests green/red.
    for (const variant of VARIANTS) {
      const r = results[variant.name];
      const changes = verdicts.get(variant.name)!;
      const kinds = [...new Set(changes.map((c) => `${c.kind}:${c.verdict}`))].join(' ');
      console.log(`      ${variant.name} | ${worst(changes)} | ${kinds || '(no changes)'} | ${r ? (Object.keys(r.failed).length ? `red: ${Object.keys(r.failed).map((t) => t.split('::').pop()).join(', ')}` : `green (${r.passed.length})`) : 'not run'}`);
    }
    for (const v of VERSIONED) {
      const r = results[`fixed: ${v.variant}`];
      console.log(`      versioned fix on "${v.variant}" | ${versionedFixes.get(v.variant) ?? 'not offered'} | ${r ? (Object.keys(r.failed).length ? `red: ${Object.keys(r.failed).map((t) => t.split('::').pop()).join(', ')}` : `green (${r.passed.length})`) : '-'}`);
    }
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('the generated project is green before any edit, and the variants all load', function () {
    if (!python) this.skip();
    const base = results.base!;
    assert.ok(base, 'the base ran');
    assert.deepEqual(base.errors, []);
    assert.deepEqual(Object.keys(base.failed), [], JSON.stringify(base.failed, null, 2));
    assert.ok(base.passed.length >= 10, `${base.passed.length} tests passed`);
    const books = base.passed.filter((t) => t.startsWith('tests/test_books.py::')).length;
    for (const variant of VARIANTS) {
      const r = results[variant.name];
      assert.ok(r, `${variant.name} ran`);
      assert.deepEqual(r.errors, [], `${variant.name}: the edited app imports and its tests collect`);
      assert.equal(r.passed.length + Object.keys(r.failed).length, books, `${variant.name}: every old test ran`);
    }
  });

  it('each edit is reported as the class it was written to produce', function () {
    if (!python) this.skip();
    const wrong: string[] = [];
    for (const variant of VARIANTS) {
      const changes = verdicts.get(variant.name)!;
      if (variant.expect === 'no-change') {
        if (changes.some((c) => c.verdict !== 'compatible')) wrong.push(`${variant.name}: expected no breaking change, got ${changes.map((c) => `${c.kind}:${c.verdict}`).join(', ')}`);
        continue;
      }
      const { kind, verdict } = variant.expect;
      if (!changes.some((c) => c.kind === kind && c.verdict === verdict)) wrong.push(`${variant.name}: expected ${kind} (${verdict}), got ${changes.map((c) => `${c.kind}:${c.verdict}`).join(', ') || 'nothing'}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('the versioned-route fix, where offered, makes the old tests pass again (and compat agrees)', function () {
    if (!python) this.skip();
    const wrong: string[] = [];
    for (const v of VERSIONED) {
      const title = versionedFixes.get(v.variant);
      if (!v.offered) {
        if (title) wrong.push(`${v.variant}: expected no versioned fix, got "${title}"`);
        continue;
      }
      if (!title) {
        wrong.push(`${v.variant}: no versioned fix offered`);
        continue;
      }
      const r = results[`fixed: ${v.variant}`]!;
      assert.deepEqual(r.errors, [], `${v.variant}: the fixed app imports`);
      const red = Object.keys(r.failed).sort();
      const expected = (v.red?.tests ?? []).slice().sort();
      if (JSON.stringify(red) !== JSON.stringify(expected)) wrong.push(`${v.variant}: after the fix, old tests red: [${red.join(', ')}], expected [${expected.join(', ')}]: ${JSON.stringify(r.failed).slice(0, 1500)}`);
      const breaking = fixedVerdicts.get(v.variant)!.filter((c) => c.verdict === 'breaking');
      const fixedOps = new Set(fixedOperations.get(v.variant));
      for (const c of breaking) if (fixedOps.has(c.operation)) wrong.push(`${v.variant}: compat still reports ${c.kind} on ${c.operation} after the fix`);
    }
    assert.deepEqual(wrong, []);
  });

  it('compatible keeps the old tests green; breaking turns one red (each exception is tabled, and holds)', function () {
    if (!python) this.skip();
    const wrong: string[] = [];
    for (const variant of VARIANTS) {
      const r = results[variant.name]!;
      const verdict = worst(verdicts.get(variant.name)!);
      const red = Object.keys(r.failed).sort();
      // A red test must have failed in the test code (an assertion on what the app answered), not inside the app.
      for (const [test, f] of Object.entries(r.failed)) if (!f.path.includes(`${path.sep}tests${path.sep}`)) wrong.push(`${variant.name}: ${test} failed outside the tests (${f.path}: ${f.message}): the edit broke the app`);
      const tabledRed = RED_BUT_COMPATIBLE[variant.name];
      const unobserved = UNOBSERVED[variant.name];
      if (verdict === 'compatible' || verdict === 'none') {
        const expected = (tabledRed?.tests ?? []).slice().sort();
        if (JSON.stringify(red) !== JSON.stringify(expected)) wrong.push(`${variant.name}: compat says ${verdict}, old tests red: [${red.join(', ')}], tabled: [${expected.join(', ')}]`);
        if (unobserved) wrong.push(`${variant.name}: tabled as an unobserved break, but compat says ${verdict}`);
      } else if (verdict === 'breaking') {
        if (unobserved && red.length > 0) wrong.push(`${variant.name}: tabled as unobserved, but [${red.join(', ')}] went red`);
        if (!unobserved && red.length === 0) wrong.push(`${variant.name}: compat says breaking, but every old test stays green`);
        if (tabledRed) wrong.push(`${variant.name}: tabled as compatible, but compat says breaking`);
      } else if (tabledRed || unobserved) wrong.push(`${variant.name}: tabled, but compat says ${verdict}`);
    }
    assert.deepEqual(wrong, []);
  });
});
