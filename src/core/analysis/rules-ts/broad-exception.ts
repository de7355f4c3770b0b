// TypeScript/JavaScript `broad-exception`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'broad-exception',
  title: 'Broad exception swallowed',
  defaultSeverity: 'warning',
};
