// PLACEHOLDER (work in progress, replaced before this branch lands): Debug behaviour exposed to clients.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'debug-enabled',
  title: 'Debug behaviour exposed to clients',
  defaultSeverity: 'warning',
  visit: {},
};
