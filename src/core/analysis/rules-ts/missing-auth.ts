// TypeScript/JavaScript `missing-auth`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'missing-auth',
  title: 'Mutating route reachable without authentication',
  defaultSeverity: 'warning',
};
