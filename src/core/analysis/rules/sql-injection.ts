// PLACEHOLDER (work in progress, replaced before this branch lands): SQL built from non-constant text reaches an execution sink.
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'sql-injection',
  title: 'SQL built from non-constant text reaches an execution sink',
  defaultSeverity: 'error',
  visit: {},
};
