/**
 * The rejection every backend gives when a write names an eTag that is no longer current. The message is
 * MemoryStorage's own, so callers (and the shared contract tests) see the same error whatever the backend.
 */
export class EtagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}

/** MemoryStorage's rule: no eTag, or `*`, means "write whatever is there". */
export function isUnconditional(eTag: unknown): boolean {
  return eTag === undefined || eTag === null || eTag === '' || eTag === '*';
}
