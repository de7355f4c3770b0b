// PLACEHOLDER (work in progress, replaced before this branch lands): Filesystem path built from request input.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'path-traversal',
  title: 'Filesystem path built from request input',
  defaultSeverity: 'error',
  visit: {},
};
