// PLACEHOLDER (work in progress, replaced before this branch lands): Broad exception swallowed.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'broad-exception',
  title: 'Broad exception swallowed',
  defaultSeverity: 'warning',
  visit: {},
};
