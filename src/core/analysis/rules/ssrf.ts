// PLACEHOLDER (work in progress, replaced before this branch lands): Outgoing request to a URL taken from the request.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'ssrf',
  title: 'Outgoing request to a URL taken from the request',
  defaultSeverity: 'error',
  visit: {},
};
