// A project as an older `init` wrote it: today's skeleton without the superuser
// role (User.is_superuser, get_current_superuser/SuperuserDep, app/manage.py) and
// without the extra-user test fixtures. Shared by the unit and runtime tests of
// owned resources, so both exercise the same "older project".
import assert from 'node:assert/strict';
import { planInit } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';

const replaceOnce = (text: string | undefined, find: string | RegExp, by: string): string => {
  assert.ok(text !== undefined);
  const next = text.replace(find, by);
  assert.notEqual(next, text, `expected to find ${String(find)}`);
  return next;
};

/** The files of such a project, by path. */
export async function olderInitFiles(projectName = 'shop'): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const c of (await planInit(memoryFileView(files), { projectName })).changes) files.set(c.path, resultingText(c));
  files.set('app/models/user.py', replaceOnce(files.get('app/models/user.py'), /\n {4}# Sees and changes[^\n]*\n[^\n]*\n {4}is_superuser[^\n]*/, ''));
  files.set('app/schemas/user.py', replaceOnce(files.get('app/schemas/user.py'), '    is_superuser: bool\n', ''));
  files.set('app/deps.py', replaceOnce(files.get('app/deps.py'), /\n\n\nasync def get_current_superuser[\s\S]*$/, '\n'));
  files.delete('app/manage.py');
  let conftest = replaceOnce(files.get('tests/conftest.py'), 'from app.manage import set_superuser  # noqa: E402\n', '');
  conftest = replaceOnce(conftest, /@pytest\.fixture\(scope="session"\)\ndef other_headers[\s\S]*?(?=def current_user_id)/, '');
  conftest = replaceOnce(conftest, '    if superuser:\n        assert asyncio.run(set_superuser(email, True))\n', '');
  conftest = replaceOnce(conftest, 'import asyncio\n', '');
  files.set('tests/conftest.py', conftest);
  let tests = replaceOnce(files.get('tests/test_auth.py'), /\n\n\ndef test_registration_cannot_grant_superuser[\s\S]*$/, '\n');
  tests = replaceOnce(tests, 'import io\n', '');
  tests = replaceOnce(tests, 'from app.manage import main\n', '');
  files.set('tests/test_auth.py', tests);
  return files;
}
