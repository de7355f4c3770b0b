// TypeScript/JavaScript `debug-enabled`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'debug-enabled',
  title: 'Debug behaviour exposed to clients',
  defaultSeverity: 'warning',
};
