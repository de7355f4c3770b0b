// TypeScript/JavaScript `command-injection`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'command-injection',
  title: 'Shell command built from non-constant text',
  defaultSeverity: 'error',
};
