// TypeScript/JavaScript `sql-injection`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'sql-injection',
  title: 'SQL built from non-constant text reaches an execution sink',
  defaultSeverity: 'error',
};
