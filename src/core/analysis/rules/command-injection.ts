// PLACEHOLDER (work in progress, replaced before this branch lands): Shell command built from non-constant text.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'command-injection',
  title: 'Shell command built from non-constant text',
  defaultSeverity: 'error',
  visit: {},
};
