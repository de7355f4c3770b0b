// PLACEHOLDER (work in progress, replaced before this branch lands): Request body read without a Pydantic model.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'unvalidated-body',
  title: 'Request body read without a Pydantic model',
  defaultSeverity: 'warning',
  visit: {},
};
