/**
 * The benchmark's baseline: XINJI's rules written by hand, as a developer would without a
 * policy engine. It returns the same decision, built from the same clause objects, so the
 * comparison measures the engine's overhead and nothing else (bench/engine.ts checks equality).
 */
import {
  addMonthsCivil,
  civilFromDayNumber,
  dayNumberOf,
  formatCivil,
  type PlainDate,
} from '../shared/dates/plainDate';
import type {
  CompiledPolicy,
  DecisionReason,
  RemedyOption,
  WarrantyDecision,
  WarrantyFacts,
} from '../shared/warranty';

export function makeXinjiBaseline(
  xinji: CompiledPolicy,
): (f: WarrantyFacts, visit: PlainDate) => WarrantyDecision {
  const cov = xinji.coverage.body;
  const docs = xinji.documents;
  if (!cov.covered || docs === null || xinji.sticker === null || xinji.purchasedAbroad === null) {
    throw new Error('the XINJI baseline expects XINJI’s policy');
  }
  const within = cov.within;
  const expired = cov.expired;
  const noStart = cov.noStart;
  const missingPop = docs.missing.proof_of_purchase as DecisionReason;
  const missingCard = docs.missing.warranty_card as DecisionReason;
  const sticker = xinji.sticker.reason;
  const abroad = xinji.purchasedAbroad;
  const [repair, replacement] = xinji.coveredRemedies.map((r) => r.option) as [
    RemedyOption,
    RemedyOption,
  ];
  const repairOnly = [repair];
  const both = [repair, replacement];
  const startAct = xinji.startReasons.activation_date;
  const startInv = xinji.startReasons.invoice_date;
  const unverifiedAct = xinji.unverified.activation_date;
  const unverifiedInv = xinji.unverified.invoice_date;
  const findings = xinji.findings;
  const bothMissing: readonly ('proof_of_purchase' | 'warranty_card')[] = [
    'proof_of_purchase',
    'warranty_card',
  ];

  return (f, visit) => {
    const reasons: DecisionReason[] = [];
    let excluded = false;
    let provisional = false;
    const inv = f.invoiceDate === undefined ? NaN : dayNumberOf(f.invoiceDate);
    const act = f.activationDate === undefined ? NaN : dayNumberOf(f.activationDate);
    let start: PlainDate | null = null;
    let source: 'activation_date' | 'invoice_date' | null = null;
    let startDay = NaN;
    const actConfirmed = f.unverified?.includes('activation_date') !== true;
    const invConfirmed = f.proofOfPurchase && f.unverified?.includes('invoice_date') !== true;
    if (
      !Number.isNaN(act) &&
      (Number.isNaN(inv) || act < inv || (act === inv && (actConfirmed || !invConfirmed)))
    ) {
      start = f.activationDate ?? null;
      source = 'activation_date';
      startDay = act;
      reasons.push(startAct);
    } else if (!Number.isNaN(inv)) {
      start = f.invoiceDate ?? null;
      source = 'invoice_date';
      startDay = inv;
      reasons.push(startInv);
    }
    const visitDay = dayNumberOf(visit);
    let last: PlainDate | null = null;
    let daysLeft: number | null = null;
    if (start === null) {
      reasons.push(noStart);
      excluded = true;
    } else {
      const c = civilFromDayNumber(startDay);
      const e = addMonthsCivil(c.year, c.month, c.day, 12);
      last = formatCivil(e.year, e.month, e.day);
      const lastDay = dayNumberOf(last);
      daysLeft = visitDay <= lastDay ? lastDay - visitDay : 0;
      if (visitDay <= lastDay) reasons.push(within);
      else {
        reasons.push(expired);
        excluded = true;
      }
    }
    let missing: readonly ('proof_of_purchase' | 'warranty_card')[] = [];
    if (!f.proofOfPurchase && !f.warrantyCard) {
      reasons.push(missingPop, missingCard);
      missing = bothMissing;
      excluded = true;
      provisional = true;
    }
    if (f.warrantySticker !== 'intact') {
      reasons.push(sticker);
      excluded = true;
    }
    if (f.purchaseCountry !== f.serviceCountry) {
      reasons.push(abroad);
      excluded = true;
    }
    for (const code of f.findings) {
      const rs = findings.get(code);
      if (rs === undefined) continue;
      for (const r of rs) {
        reasons.push(r);
        if (r.effect === 'excludes') excluded = true;
      }
    }
    if (source === 'activation_date' && !actConfirmed) {
      reasons.push(unverifiedAct);
      provisional = true;
    } else if (source === 'invoice_date' && !invConfirmed) {
      reasons.push(unverifiedInv);
      provisional = true;
    }
    return {
      policyId: 'xinji',
      policyVersion: xinji.version,
      visitDate: visit,
      component: f.component,
      covered: !excluded,
      charge: excluded ? 'paid' : 'free',
      warrantyStart: start,
      warrantyStartSource: source,
      lastCoveredDay: last,
      daysLeft,
      reasons,
      missingEvidence: missing,
      provisional,
      remedies: excluded ? xinji.notCoveredRemedies : f.proofOfPurchase ? both : repairOnly,
    };
  };
}
