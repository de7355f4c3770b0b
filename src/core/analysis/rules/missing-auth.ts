// PLACEHOLDER (work in progress, replaced before this branch lands): Mutating route reachable without authentication.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'missing-auth',
  title: 'Mutating route reachable without authentication',
  defaultSeverity: 'warning',
  visit: {},
};
