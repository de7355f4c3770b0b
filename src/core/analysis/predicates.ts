// Predicates: functions whose answer is a yes/no. When such a function's
// try block computes the answer and its catch answers `false`/`True` with a
// constant, the failure *is* the answer (an unreadable /proc file means "not
// in Docker", an unparsable path means "not valid"): nothing is swallowed.
// Shared by the Python and TypeScript broad-exception rules.

/** `isDocker`, `has_env`, `canRead`, `exists`, `isValidPath`, `broken`, `equalJson`… */
export const PREDICATE_NAME = /^_*(is|has|can|should|must|supports?|exists?|contains|matches|equals?|same|valid|check|allow(s|ed)?)([A-Z_\d]|$)|valid|available|broken|enabled|reachable|installed|equal/i;

/** Comparison and membership operators whose result is a boolean, in either language. */
export const BOOLEAN_OPERATOR = /^(===|!==|==|!=|<=|>=|<|>|&&|\|\||and|or|in|not in|is|is not|instanceof)$/;

/** Methods that answer a yes/no (`.includes`, `.startswith`, `.test`, `.isFile`). */
export const BOOLEAN_METHOD = /^(includes|startsWith|endsWith|startswith|endswith|test|some|every|has|isFile|isDirectory|is_file|is_dir|exists|match|fullmatch)$/;
