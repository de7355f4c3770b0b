// The CLI's usage error: printed as one line, exit 2, nothing written.
export class UsageError extends Error {}
