// PLACEHOLDER (work in progress, replaced before this branch lands): Password stored or compared without a password hash.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'plaintext-password',
  title: 'Password stored or compared without a password hash',
  defaultSeverity: 'error',
  visit: {},
};
