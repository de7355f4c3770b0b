// The TypeScript insertion planners on their own: where the router mount and
// the migration entry go in files arranged in other ways than the generator's.
import * as assert from 'node:assert/strict';
import { applyEdits, PlanError } from '../../src/core/index';
import { planAppendMigration, planMountRouter } from '../../src/core/plan/tsInsert';

const BOOKS = { routerName: 'booksRouter', importPath: './routes/books', mount: '/books' };
const ENTRY = { resource: 'Book', table: 'books', text: "{\n  resource: 'Book',\n  table: 'books',\n  sql: 'x',\n}" };

describe('planMountRouter', () => {
  it('with no router mounted yet: before app.use(notFound) and the comments above it, deps from the function parameter', () => {
    const text = [
      "import express from 'express';",
      "import { errorHandler, notFound } from './errors';",
      '',
      'export function createApp(context: Deps) {',
      '  const app = express();',
      '',
      '  // Errors last.',
      '  app.use(notFound);',
      '  app.use(errorHandler);',
      '  return app;',
      '}',
      '',
    ].join('\n');
    const out = applyEdits(text, planMountRouter('src/app.ts', text, BOOKS));
    assert.equal(
      out,
      [
        "import express from 'express';",
        "import { errorHandler, notFound } from './errors';",
        "import { booksRouter } from './routes/books';",
        '',
        'export function createApp(context: Deps) {',
        '  const app = express();',
        '',
        "  app.use('/books', booksRouter(context));",
        '  // Errors last.',
        '  app.use(notFound);',
        '  app.use(errorHandler);',
        '  return app;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses a module with nothing to anchor on, and an existing import, naming the file', () => {
    assert.throws(() => planMountRouter('src/app.ts', "import express from 'express';\nexport const app = express();\n", BOOKS), (e: unknown) => e instanceof PlanError && /src\/app\.ts has no router mounts/.test(e.message));
    const imported = "import { booksRouter } from './somewhere';\napp.use(notFound);\n";
    assert.throws(() => planMountRouter('src/app.ts', imported, BOOKS), /already imports booksRouter/);
  });
});

describe('planAppendMigration', () => {
  it('fills an empty array', () => {
    const text = 'export const migrations: Migration[] = [];\n';
    assert.equal(applyEdits(text, planAppendMigration('m.ts', text, ENTRY)), "export const migrations: Migration[] = [\n  {\n    resource: 'Book',\n    table: 'books',\n    sql: 'x',\n  },\n];\n");
  });

  it('after a trailing comma, and on one line with the closing bracket', () => {
    const trailing = "export const migrations = [\n  { resource: 'User', table: 'users', sql: '' },\n];\n";
    assert.equal(
      applyEdits(trailing, planAppendMigration('m.ts', trailing, ENTRY)),
      "export const migrations = [\n  { resource: 'User', table: 'users', sql: '' },\n  {\n    resource: 'Book',\n    table: 'books',\n    sql: 'x',\n  },\n];\n",
    );
    const inline = "const migrations = [{ resource: 'User', table: 'users', sql: '' }];\n";
    const out = applyEdits(inline, planAppendMigration('m.ts', inline, ENTRY));
    assert.match(out, /^const migrations = \[\{ resource: 'User', table: 'users', sql: '' \},\n\{\n {2}resource: 'Book',[\s\S]*\}\];\n$/);
  });

  it('refuses a table or resource that is already listed', () => {
    const text = "export const migrations = [\n  { resource: 'Novel', table: 'books', sql: '' },\n];\n";
    assert.throws(() => planAppendMigration('src/migrations.ts', text, ENTRY), /already has a migration for Book \(table books, line 2\)/);
  });
});
