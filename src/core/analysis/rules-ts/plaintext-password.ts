// TypeScript/JavaScript `plaintext-password`: not written yet (finds nothing).
import type { TsRule } from '../types';

export const rule: TsRule = {
  id: 'plaintext-password',
  title: 'Hash the password with bcrypt',
  defaultSeverity: 'error',
};
