// Our own analyzer on the fixture projects (test/fixtures/projects/* and the
// `init` layout): well-written code in four styles must give zero findings of
// any severity. So that "zero" cannot come from rules that never see these
// layouts, each style also gets small unsafe edits (an auth dependency
// dropped, a literal secret, a plaintext compare, SQL built with an f-string)
// and the matching rule must then fire at that spot, and nothing else.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { run } from '../../src/cli/main';
import { FIXTURE_NAMES, copyFixture, removeFixtureCopies, type FixtureName } from '../support/fixtureProjects';

interface Finding {
  readonly ruleId: string;
  readonly file: string;
}

async function check(dir: string): Promise<{ code: number; findings: Finding[]; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['check', dir, '--format', 'json'], (s) => (out += s), (s) => (err += s));
  const parsed = JSON.parse(out) as { ruleId?: string; rule?: string; file?: string; path?: string }[];
  return { code, err, findings: parsed.map((f) => ({ ruleId: String(f.ruleId ?? f.rule), file: String(f.file ?? f.path) })) };
}

/** One unsafe edit: `from` must occur in `file`; the first occurrence becomes `to`. */
interface Edit {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

interface Probe {
  readonly fixture: FixtureName;
  readonly what: string;
  readonly edits: readonly Edit[];
  readonly rule: string;
  /** The file the finding must be reported in. */
  readonly at: string;
}

const PROBES: readonly Probe[] = [
  {
    fixture: 'sqlmodel-crud',
    what: 'a write route without its CurrentUser parameter',
    edits: [{
      file: 'app/api/routes/items.py',
      from: 'def create_item(*, session: SessionDep, current_user: CurrentUser, item_in: ItemCreate)',
      to: 'def create_item(*, session: SessionDep, item_in: ItemCreate)',
    }],
    rule: 'missing-auth',
    at: 'app/api/routes/items.py',
  },
  {
    fixture: 'sqlmodel-crud',
    what: 'crud.authenticate comparing the stored password as typed',
    edits: [{ file: 'app/crud.py', from: 'if not verify_password(password, db_user.hashed_password):', to: 'if db_user.hashed_password != password:' }],
    rule: 'plaintext-password',
    at: 'app/crud.py',
  },
  {
    fixture: 'feature-folders',
    what: 'a literal signing key in the settings class',
    edits: [{ file: 'src/config.py', from: 'jwt_secret: str = secrets.token_urlsafe(32)', to: 'jwt_secret: str = "s3cr3t-signing-key-for-all-envs"' }],
    rule: 'hardcoded-secret',
    at: 'src/config.py',
  },
  {
    fixture: 'feature-folders',
    what: 'a feature router write route without get_current_active_user',
    edits: [{
      file: 'src/todos/router.py',
      from: 'def delete_todo(\n    todo_id: int,\n    db: Session = Depends(get_db),\n    current_user: User = Depends(get_current_active_user),\n)',
      to: 'def delete_todo(\n    todo_id: int,\n    current_user: User,\n    db: Session = Depends(get_db),\n)',
    }],
    rule: 'missing-auth',
    at: 'src/todos/router.py',
  },
  {
    fixture: 'async-layered',
    what: 'an endpoint without its Annotated CurrentUser parameter',
    edits: [{
      file: 'app/api/v1/endpoints/posts.py',
      from: 'async def delete_post(post_id: int, current_user: CurrentUser, posts: PostServiceDep) -> None:',
      to: 'async def delete_post(post_id: int, posts: PostServiceDep) -> None:\n    current_user = None',
    }],
    rule: 'missing-auth',
    at: 'app/api/v1/endpoints/posts.py',
  },
  {
    fixture: 'async-layered',
    what: 'a repository method building SQL text with an f-string',
    edits: [
      { file: 'app/repositories/post.py', from: 'from sqlalchemy import select', to: 'from sqlalchemy import select, text' },
      {
        file: 'app/repositories/post.py',
        from: '        result = await self.session.scalars(stmt)\n        return result.all()',
        to: '        result = await self.session.scalars(stmt)\n        return result.all()\n\n' +
          '    async def search(self, title: str) -> Sequence[Post]:\n' +
          '        result = await self.session.scalars(select(Post).where(text(f"title = \'{title}\'")))\n' +
          '        return result.all()',
      },
    ],
    rule: 'sql-injection',
    at: 'app/repositories/post.py',
  },
];

describe('analyzer on the fixture projects', function () {
  this.timeout(60_000);
  after(removeFixtureCopies);

  for (const name of FIXTURE_NAMES) {
    it(`${name}: zero findings`, async () => {
      const result = await check(await copyFixture(name));
      assert.deepEqual(result.findings, [], `false positives on ${name}:\n${JSON.stringify(result.findings, null, 2)}`);
      assert.equal(result.code, 0, result.err);
    });
  }

  for (const probe of PROBES) {
    it(`${probe.fixture}: ${probe.what} → ${probe.rule}`, async () => {
      const dir = await copyFixture(probe.fixture);
      for (const edit of probe.edits) {
        const path = join(dir, edit.file);
        const text = readFileSync(path, 'utf8');
        assert.ok(text.includes(edit.from), `${edit.file} no longer contains the probe's anchor: ${edit.from}`);
        writeFileSync(path, text.replace(edit.from, edit.to));
      }
      const result = await check(dir);
      assert.equal(result.code, 1, result.err);
      assert.deepEqual(
        result.findings.map((f) => `${f.ruleId} ${relative(dir, resolve(f.file)).split(sep).join('/')}`),
        [`${probe.rule} ${probe.at}`],
      );
    });
  }
});
