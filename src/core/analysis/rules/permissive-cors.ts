// PLACEHOLDER (work in progress, replaced before this branch lands): Any origin allowed together with credentials.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'permissive-cors',
  title: 'Any origin allowed together with credentials',
  defaultSeverity: 'error',
  visit: {},
};
