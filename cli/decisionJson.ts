import type { DecisionReason, RemedyOption, WarrantyDecision } from '../shared/warranty';

/**
 * Serializes decisions as JSON, caching the text of the frozen reason and remedy objects a
 * compiled policy hands out, so a 100,000-case file does not stringify the same clause text
 * 100,000 times. The output is exactly `JSON.stringify(decision)`'s (tested).
 */
export function createDecisionSerializer(): (d: WarrantyDecision) => string {
  const cache = new WeakMap<object, string>();
  const cached = (o: DecisionReason | RemedyOption): string => {
    let s = cache.get(o);
    if (s === undefined) {
      s = JSON.stringify(o);
      cache.set(o, s);
    }
    return s;
  };
  const list = (xs: readonly (DecisionReason | RemedyOption)[]): string => {
    let s = '[';
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (x === undefined) continue;
      s += (i === 0 ? '' : ',') + cached(x);
    }
    return s + ']';
  };
  const str = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

  return (d) =>
    `{"policyId":${JSON.stringify(d.policyId)},"policyVersion":${d.policyVersion},` +
    `"visitDate":"${d.visitDate}","component":"${d.component}","covered":${d.covered},` +
    `"charge":"${d.charge}","warrantyStart":${str(d.warrantyStart)},` +
    `"warrantyStartSource":${str(d.warrantyStartSource)},"lastCoveredDay":${str(d.lastCoveredDay)},` +
    `"daysLeft":${d.daysLeft === null ? 'null' : d.daysLeft},"reasons":${list(d.reasons)},` +
    `"missingEvidence":${JSON.stringify(d.missingEvidence)},"provisional":${d.provisional},` +
    `"remedies":${list(d.remedies)}}`;
}
