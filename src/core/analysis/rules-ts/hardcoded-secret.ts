// TypeScript/JavaScript `hardcoded-secret`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'hardcoded-secret',
  title: 'Secret written in the source',
  defaultSeverity: 'error',
};
