// TypeScript/JavaScript `duplicate-route`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'duplicate-route',
  title: 'Same method and path registered twice',
  defaultSeverity: 'warning',
};
