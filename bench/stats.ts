export interface BenchResult {
  readonly name: string;
  readonly figures: Readonly<Record<string, number | string>>;
  readonly goals: readonly { readonly what: string; readonly met: boolean }[];
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}
