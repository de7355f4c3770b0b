// Where a file sits says who runs it: sql-injection skips schema migrations
// run from the command line (Sequelize, knex, TypeORM) the way the Python rule
// skips Alembic scripts, command-injection skips developer tooling (scripts/,
// tools/, migrations/), duplicate-route skips test files. The same text
// anywhere else stays checked.
import assert from 'node:assert/strict';
import { PythonAnalyzer, TsAnalyzer } from '../../src/core/index';
import { isMigration } from '../../src/core/analysis/rules-ts/sql-injection';

const SEQUELIZE = `module.exports = {
  up: async (queryInterface) => {
    const table = process.argv[2] || 'documents';
    await queryInterface.sequelize.query(\`ALTER TABLE "\${table}" ADD COLUMN "x" text\`);
  },
};
`;
const TYPEORM = `import { MigrationInterface, QueryRunner } from 'typeorm';
export class AddIndex1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner, table = process.env.TABLE): Promise<void> {
    await runner.query(\`CREATE INDEX ON \${table} (id)\`);
  }
}
`;

describe('rules and where a file sits', () => {
  let ts: TsAnalyzer;
  before(async () => {
    ts = await TsAnalyzer.create();
  });
  const sql = (path: string, source: string) => ts.analyze(path, source, { only: ['sql-injection'] }).findings.length;

  it('recognises migration files by folder and shape', () => {
    assert.equal(isMigration('server/migrations/20191118-cascade.js', SEQUELIZE), true);
    assert.equal(isMigration('src/db/migrations/1700-add-index.ts', TYPEORM), true);
    assert.equal(isMigration('src/routes/documents.js', SEQUELIZE), false);
    assert.equal(isMigration('server/migrations/helpers.js', 'export const q = (db, t) => db.query(`SELECT ${t}`);'), false);
  });

  it('reports nothing in a migration and the same code elsewhere', () => {
    assert.equal(sql('server/migrations/20191118-cascade.js', SEQUELIZE), 0);
    assert.equal(sql('src/db/migrations/1700-add-index.ts', TYPEORM), 0);
    assert.equal(sql('server/routes/cascade.js', SEQUELIZE), 1);
    assert.equal(sql('src/services/indexes.ts', TYPEORM), 1);
  });

  it('command-injection skips developer tooling, in both languages', async () => {
    const js = "const { execSync } = require('child_process');\nconst version = process.argv[2];\nexecSync(`git tag v${version}`);\n";
    const cmd = (path: string) => ts.analyze(path, js, { only: ['command-injection'] }).findings.length;
    assert.equal(cmd('server/scripts/release.js'), 0);
    assert.equal(cmd('server/routes/release.js'), 1);
    const py = await PythonAnalyzer.create();
    const source = 'import os\nimport sys\n\nos.system(f"pg_dump {sys.argv[1]}")\n';
    assert.equal(py.analyze('tools/backup.py', source, { only: ['command-injection'] }).findings.length, 0);
    assert.equal(py.analyze('app/backup.py', source, { only: ['command-injection'] }).findings.length, 1);
  });

  it('duplicate-route skips test files', () => {
    const source = "import express from 'express';\nconst app = express();\napp.post('/items', (req, res) => res.end());\napp.post('/items', (req, res) => res.end());\n";
    const dup = (path: string) => ts.analyze(path, source, { only: ['duplicate-route'] }).findings.length;
    assert.equal(dup('server/routes/items.test.ts'), 0);
    assert.equal(dup('server/routes/items.ts'), 1);
  });
});
