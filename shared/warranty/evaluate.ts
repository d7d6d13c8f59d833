import {
  addMonthsCivil,
  civilFromDayNumber,
  dayNumberOf,
  formatCivil,
  plainDateFromDayNumber,
  type PlainDate,
} from '../dates/plainDate';
import type { CompiledPolicy } from './compile';
import type { DecisionReason, RemedyOption, WarrantyDecision, WarrantyFacts } from './types';
import type { DocumentKind, StartDateKind } from './vocabulary';

const NONE: readonly never[] = Object.freeze([]);

function documentShown(facts: WarrantyFacts, d: DocumentKind): boolean {
  return d === 'proof_of_purchase' ? facts.proofOfPurchase : facts.warrantyCard;
}

/** Whether a start date is backed by evidence: a shown invoice, or a date not marked unverified. */
function isConfirmed(facts: WarrantyFacts, kind: StartDateKind): boolean {
  if (kind === 'invoice_date')
    return facts.proofOfPurchase && !facts.unverified?.includes('invoice_date');
  return !facts.unverified?.includes('activation_date');
}

function dateOf(facts: WarrantyFacts, kind: StartDateKind): PlainDate | undefined {
  return kind === 'invoice_date' ? facts.invoiceDate : facts.activationDate;
}

/**
 * Decides whether a visit is covered by a brand's warranty, and why.
 *
 * A pure function of (policy, facts, visit date): no clock, no I/O. The facts are assumed to have
 * passed `validateWarrantyCase` (valid dates, none after the visit). Every reason carries the
 * clause it rests on; `provisional` says the outcome may change once evidence is produced or
 * confirmed.
 */
export function evaluate(
  policy: CompiledPolicy,
  facts: WarrantyFacts,
  visitDate: PlainDate,
): WarrantyDecision {
  const reasons: DecisionReason[] = [];
  let excluded = false;
  let provisional = false;
  let missingEvidence: DocumentKind[] | null = null;

  // 1. When the period starts.
  let startSource: StartDateKind | null = null;
  let start: PlainDate | null = null;
  let startDay = NaN;
  for (const kind of policy.startFrom) {
    const d = dateOf(facts, kind);
    if (d === undefined) continue;
    const n = dayNumberOf(d);
    // On a tie, rest on the date that is confirmed: the same start, without a provisional flag.
    if (
      startSource === null ||
      n < startDay ||
      (n === startDay && !isConfirmed(facts, startSource) && isConfirmed(facts, kind))
    ) {
      startSource = kind;
      start = d;
      startDay = n;
    }
    if (policy.startRule === 'first_present') break;
  }
  if (startSource !== null) reasons.push(policy.startReasons[startSource]);

  // 2. How long it runs for this component, and whether the visit falls inside it.
  const visitDay = dayNumberOf(visitDate);
  const coverage = policy.coverage[facts.component];
  let lastCoveredDay: PlainDate | null = null;
  let daysLeft: number | null = null;
  if (!coverage.covered) {
    reasons.push(coverage.notCovered);
    excluded = true;
  } else if (start === null) {
    reasons.push(coverage.noStart);
    excluded = true;
  } else {
    let lastDay: number;
    if ('months' in coverage.period) {
      const c = civilFromDayNumber(startDay);
      const e = addMonthsCivil(c.year, c.month, c.day, coverage.period.months);
      lastCoveredDay = formatCivil(e.year, e.month, e.day);
      lastDay = dayNumberOf(lastCoveredDay);
    } else {
      lastDay = startDay + coverage.period.days;
      lastCoveredDay = plainDateFromDayNumber(lastDay);
    }
    daysLeft = visitDay <= lastDay ? lastDay - visitDay : 0;
    if (visitDay <= lastDay) {
      reasons.push(coverage.within);
    } else {
      reasons.push(coverage.expired);
      excluded = true;
    }
  }

  // 3. Evidence the policy asks for.
  const docs = policy.documents;
  if (docs !== null) {
    let shown = 0;
    for (const d of docs.items) if (documentShown(facts, d)) shown++;
    const satisfied = docs.mode === 'all' ? shown === docs.items.length : shown > 0;
    if (!satisfied) {
      missingEvidence = [];
      for (const d of docs.items) {
        if (documentShown(facts, d)) continue;
        missingEvidence.push(d);
        const r = docs.missing[d];
        if (r) reasons.push(r);
      }
      excluded = true;
      provisional = true;
    }
  }
  if (policy.sticker?.notCovered.has(facts.warrantySticker)) {
    reasons.push(policy.sticker.reason);
    excluded = true;
  }
  if (policy.purchasedAbroad !== null && facts.purchaseCountry !== facts.serviceCountry) {
    reasons.push(policy.purchasedAbroad);
    excluded = true;
  }
  if (policy.channels !== null && !policy.channels.covered.has(facts.purchaseChannel)) {
    reasons.push(policy.channels.reason);
    excluded = true;
  }

  // 4. What the technician found.
  for (const f of facts.findings) {
    const rs = policy.findings.get(f);
    if (rs === undefined) continue;
    for (const r of rs) {
      reasons.push(r);
      if (r.effect === 'excludes') excluded = true;
    }
  }

  // 5. Facts the start date rests on that are not confirmed yet.
  if (startSource !== null && !isConfirmed(facts, startSource)) {
    reasons.push(policy.unverified[startSource]);
    provisional = true;
  }

  const covered = !excluded;
  let remedies: readonly RemedyOption[];
  if (covered) {
    const list: RemedyOption[] = [];
    for (const r of policy.coveredRemedies) {
      if (r.channels !== null && !r.channels.has(facts.purchaseChannel)) continue;
      if (r.components !== null && !r.components.has(facts.component)) continue;
      if (r.withinDaysOfStart !== null && visitDay - startDay > r.withinDaysOfStart) continue;
      if (r.maxPerOrder !== null && (facts.freeReplacementsGiven ?? 0) >= r.maxPerOrder) continue;
      if (r.requires.some((d) => !documentShown(facts, d))) continue;
      if (list.some((o) => o.remedy === r.option.remedy)) continue;
      list.push(r.option);
    }
    remedies = list;
  } else {
    remedies = policy.notCoveredRemedies;
  }

  return {
    policyId: policy.id,
    policyVersion: policy.version,
    visitDate,
    component: facts.component,
    covered,
    charge: covered ? 'free' : 'paid',
    warrantyStart: start,
    warrantyStartSource: startSource,
    lastCoveredDay,
    daysLeft,
    reasons,
    missingEvidence: missingEvidence ?? NONE,
    provisional,
    remedies,
  };
}
