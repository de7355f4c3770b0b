// TypeScript/JavaScript `ssrf`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'ssrf',
  title: 'Outgoing request to a URL taken from the request',
  defaultSeverity: 'error',
};
