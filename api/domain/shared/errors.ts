/**
 * The domain's one error type. The HTTP layer maps `kind` to a status (not-found → 404,
 * no-price / invalid → 422) and `pointer` to the RFC 9457 problem's `errors[].pointer`.
 */
export type DomainErrorKind = "not-found" | "no-price" | "invalid";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /**
     * JSON pointer to the field at fault, relative to the object the throwing function was given
     * (`/acceleratorsPerReplica` for a deployment; "" = that whole object). The caller that knows where
     * the object sits in the request places it with {@link DomainError.withPrefix}.
     */
    readonly pointer: string,
    /** Human explanation, safe to show to the caller. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = "DomainError";
  }

  /**
   * The same error placed under `prefix` (a JSON pointer, e.g. `/options/2/deployment`): a new error,
   * this one unchanged, so no layer rewrites another's pointers.
   */
  withPrefix(prefix: string): DomainError {
    return new DomainError(this.kind, `${prefix}${this.pointer}`, this.detail);
  }
}

/**
 * Run `run`, placing any DomainError it throws under `prefix` (the caller knows where the object it
 * passed sits in the request, e.g. `/deployment`); other errors pass through unchanged.
 */
export function withPointerPrefix<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof DomainError ? error.withPrefix(prefix) : error;
  }
}
