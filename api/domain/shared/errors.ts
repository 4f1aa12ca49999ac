/**
 * The domain's one error type. The HTTP layer maps `kind` to a status (not-found → 404,
 * no-price / invalid → 422) and `pointer` to the RFC 9457 problem's `errors[].pointer`.
 */
export type DomainErrorKind = "not-found" | "no-price" | "invalid";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** JSON pointer to the request field at fault, e.g. `/offerings/0/model` ("" = whole body). */
    readonly pointer: string,
    /** Human explanation, safe to show to the caller. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = "DomainError";
  }
}
