// sql-injection skips schema migrations run from the command line (Sequelize,
// knex, TypeORM) in a migrations folder, the way the Python rule skips Alembic
// scripts; the same text anywhere else, or a look-alike without an `up`, stays checked.
import assert from 'node:assert/strict';
import { TsAnalyzer } from '../../src/core/index';
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

describe('sql-injection and migrations', () => {
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
});
