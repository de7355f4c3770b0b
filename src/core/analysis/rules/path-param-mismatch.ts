// PLACEHOLDER (work in progress, replaced before this branch lands): Path template and handler parameters disagree.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'path-param-mismatch',
  title: 'Path template and handler parameters disagree',
  defaultSeverity: 'error',
  visit: {},
};
