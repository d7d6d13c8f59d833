/**
 * A validation problem the counter can show next to the field it concerns. The message says what
 * is wrong and what to do about it, in words for the person at the counter (STYLE.md 5).
 */
export interface FieldError {
  /** The form field, as a dotted path (`customer.phone`, `serialPatterns.kospet`). */
  readonly field: string;
  readonly message: string;
}

export const fieldError = (field: string, message: string): FieldError => ({ field, message });
