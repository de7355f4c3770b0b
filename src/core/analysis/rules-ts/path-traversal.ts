// TypeScript/JavaScript `path-traversal`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'path-traversal',
  title: 'Filesystem path built from request input',
  defaultSeverity: 'error',
};
