// TypeScript/JavaScript `permissive-cors`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'permissive-cors',
  title: 'Any origin allowed together with credentials',
  defaultSeverity: 'error',
};
