// PLACEHOLDER (work in progress, replaced before this branch lands): Same method and path registered twice.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'duplicate-route',
  title: 'Same method and path registered twice',
  defaultSeverity: 'warning',
  visit: {},
};
