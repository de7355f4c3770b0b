// Checks the runtime-test helpers themselves: a throwaway PostgreSQL cluster
// comes up, answers SQL and is removed again, and managed processes are
// reachable over HTTP until stop() takes them (and their group) down.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { psql, startPostgres, type PgCluster } from '../support/postgres';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../support/process';

describe('test support', function () {
  describe('startPostgres', function () {
    let cluster: PgCluster | undefined;

    // Stop even when an assertion failed, so no postmaster outlives the run.
    afterEach(async function () {
      this.timeout(60000);
      await cluster?.stop();
      cluster = undefined;
    });

    it('starts a cluster, creates a database, runs SQL and removes everything on stop', async function () {
      this.timeout(60000);
      cluster = await startPostgres();
      assert.ok(fs.existsSync(cluster.dataDir), 'data dir exists while running');
      assert.equal(cluster.asyncpgUrl('probe'), `postgresql+asyncpg://postgres@127.0.0.1:${cluster.port}/probe`);

      await cluster.createDatabase('probe');
      assert.equal(await psql(cluster, 'probe', 'select 1'), '1');
      await assert.rejects(cluster.createDatabase('Bad-Name'), /invalid database name/);

      const { dataDir } = cluster;
      await cluster.stop();
      await cluster.stop(); // idempotent
      assert.equal(fs.existsSync(dataDir), false, 'data dir removed after stop');
    });
  });

  describe('startProcess + waitForHttp', function () {
    let proc: ManagedProcess | undefined;

    afterEach(async function () {
      this.timeout(60000);
      await proc?.stop();
      proc = undefined;
    });

    it('waits for a server to answer and stops it', async function () {
      this.timeout(60000);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/`;
      proc = startProcess(
        process.execPath,
        ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`],
        { cwd: os.tmpdir(), name: 'http-probe' },
      );
      await waitForHttp(url, { timeoutMs: 30000, process: proc });
      assert.equal(await (await fetch(url)).text(), 'ok');

      await proc.stop();
      await proc.stop(); // idempotent
      assert.equal(proc.exited, true);
      await assert.rejects(fetch(url));
    });

    it('fails fast with the output when the process exits before answering', async function () {
      this.timeout(60000);
      const port = await freePort();
      proc = startProcess(process.execPath, ['-e', "console.error('boom from child'); process.exit(3)"], {
        cwd: os.tmpdir(),
        name: 'crasher',
      });
      await assert.rejects(
        waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 30000, process: proc }),
        /process exited[\s\S]*boom from child/,
      );
    });
  });
});
