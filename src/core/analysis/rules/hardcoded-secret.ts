// PLACEHOLDER (work in progress, replaced before this branch lands): Secret written in the source.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'hardcoded-secret',
  title: 'Secret written in the source',
  defaultSeverity: 'error',
  visit: {},
};
