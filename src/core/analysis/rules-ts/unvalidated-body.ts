// TypeScript/JavaScript `unvalidated-body`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'unvalidated-body',
  title: 'Request body read without a Pydantic model',
  defaultSeverity: 'warning',
};
