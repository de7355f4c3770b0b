// TypeScript/JavaScript `path-param-mismatch`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'path-param-mismatch',
  title: 'Path template and handler parameters disagree',
  defaultSeverity: 'error',
};
