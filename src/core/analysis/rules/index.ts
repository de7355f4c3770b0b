// Every Python rule, in one list. A rule's id, its file, its docs page
// (src/core/analysis/docs/<id>.md) and its cases (test/rules/<id>/) share one name.
import type { Rule } from '../types';
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

export const PYTHON_RULES: readonly Rule[] = [
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

export const RULE_IDS: readonly string[] = PYTHON_RULES.map((r) => r.id);
