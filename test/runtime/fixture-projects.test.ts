// Proof that the fixture projects are real, working backends (so feature tests
// that write into them start from green): each one's own pytest suite passes on
// SQLite and on a throwaway PostgreSQL database, its Alembic history goes up,
// down one step and up again and matches its models, it is clean under its own
// ruff and mypy configuration, and uvicorn serves a CRUD round trip over HTTP.
import { venvPython } from '../support/api';
import {
  FIXTURE_NAMES, FIXTURES, copyFixture, crudRoundTrip, databaseUrl, lint, migrateUpDownUp, removeFixtureCopies, runPytest, serve,
  stopFixturePostgres, type Served,
} from '../support/fixtureProjects';

describe('fixture projects run for real', function () {
  this.timeout(180_000);
  let served: Served | undefined;

  before(async function () {
    if (!(await venvPython())) {
      if (process.env.CI) throw new Error('the Python venv is missing; `npm install` (scripts/setup-python.mjs) builds it');
      console.log('    (skipped: no Python venv; run `npm run setup:python`)');
      this.skip();
    }
  });

  afterEach(async () => {
    await served?.server.stop();
    served = undefined;
  });

  after(async () => {
    await stopFixturePostgres();
    removeFixtureCopies();
  });

  for (const name of FIXTURE_NAMES) {
    const project = FIXTURES[name];
    describe(name, () => {
      let dir: string;
      // The checks of one fixture are independent processes (each on its own
      // database), so they start together and overlap on a multi-core machine;
      // each `it` then waits for and reports its own one.
      const checks = new Map<string, Promise<unknown>>();
      const start = (key: string, run: () => Promise<unknown>) => {
        const running = run();
        running.catch(() => undefined); // reported by its own `it`, not as an unhandled rejection
        checks.set(key, running);
      };
      const result = (key: string) => () => checks.get(key);

      before(async () => {
        dir = await copyFixture(name);
        for (const db of ['sqlite', 'postgres'] as const) {
          start(`pytest ${db}`, () => runPytest(dir, { project: name, db }));
          if (project.alembic) start(`alembic ${db}`, () => migrateUpDownUp(dir, project, db));
        }
        start('lint', () => lint(dir));
      });

      after(async () => {
        // Nothing of this fixture may still run when the next one starts (or the cluster stops).
        await Promise.allSettled(checks.values());
      });

      it('passes its own pytest suite on SQLite', result('pytest sqlite'));
      it('passes its own pytest suite on PostgreSQL', result('pytest postgres'));
      if (project.alembic) {
        for (const db of ['sqlite', 'postgres'] as const) {
          it(`migrates with Alembic on ${db}: upgrade head, downgrade -1, upgrade again, no drift from the models`, result(`alembic ${db}`));
        }
      }
      it('is clean under its own ruff and mypy configuration', result('lint'));

      it('serves a CRUD round trip under uvicorn on PostgreSQL', async () => {
        served = await serve(dir, project, await databaseUrl(project, dir, 'postgres'));
        await crudRoundTrip(served.api, project);
      });
    });
  }
});
