/** Closes a switch over a union: adding a member without handling it fails to compile (STYLE.md 6). */
export function missingCaseError(x: never): Error {
  return new Error(`Unhandled case: ${String(x)}`);
}

/** Narrows instead of `!`: fails loudly with a reason when an invariant does not hold. */
export function strictAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
