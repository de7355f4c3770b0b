// Every TypeScript/JavaScript rule, in one list. The ids are the Python
// rules' ids (same hazard, same settings key, same docs page, same
// suppression comment); the cases live beside the Python ones in
// test/rules/<id>/ as .ts/.js files.
import type { TsRule } from '../types';
import { rule as bindAllInterfaces } from './bind-all-interfaces';
import { rule as broadException } from './broad-exception';
import { rule as codeInjection } from './code-injection';
import { rule as commandInjection } from './command-injection';
import { rule as debugEnabled } from './debug-enabled';
import { rule as duplicateRoute } from './duplicate-route';
import { rule as hardcodedSecret } from './hardcoded-secret';
import { rule as missingAuth } from './missing-auth';
import { rule as pathParamMismatch } from './path-param-mismatch';
import { rule as pathTraversal } from './path-traversal';
import { rule as permissiveCors } from './permissive-cors';
import { rule as plaintextPassword } from './plaintext-password';
import { rule as sqlInjection } from './sql-injection';
import { rule as ssrf } from './ssrf';
import { rule as unvalidatedBody } from './unvalidated-body';

export const TS_RULES: readonly TsRule[] = [
  sqlInjection,
  commandInjection,
  codeInjection,
  pathTraversal,
  ssrf,
  hardcodedSecret,
  plaintextPassword,
  missingAuth,
  unvalidatedBody,
  permissiveCors,
  debugEnabled,
  bindAllInterfaces,
  broadException,
  pathParamMismatch,
  duplicateRoute,
];

export const TS_RULE_IDS: readonly string[] = TS_RULES.map((r) => r.id);
