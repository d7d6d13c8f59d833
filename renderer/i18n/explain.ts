import { missingCaseError } from '../../shared/lib/assert';
import type { DecisionReason, WarrantyDecision, WarrantyFacts } from '../../shared/warranty/types';
import { vocabulary as v } from './vocabulary';

/** One reason of a decision in plain words, for the counter and the customer. */
export function explainReason(
  r: DecisionReason,
  d: WarrantyDecision,
  facts: WarrantyFacts,
): string {
  switch (r.code) {
    case 'start_date':
      return `The warranty period starts on ${d.warrantyStart ?? '—'}, the ${r.startDate ? v.startDate[r.startDate] : 'date shown'}.`;
    case 'within_period':
      return `Within the warranty period: covered until ${d.lastCoveredDay ?? '—'} (${String(d.daysLeft ?? 0)} days left).`;
    case 'period_expired':
      return `The warranty period ended on ${d.lastCoveredDay ?? '—'}.`;
    case 'no_start_date':
      return 'No invoice date or activation date: the warranty period cannot be counted.';
    case 'component_not_covered':
      return `The ${v.component[d.component].toLowerCase()} is not covered by this warranty.`;
    case 'missing_document':
      return `Not shown: ${r.document ? v.document[r.document] : 'a required document'}.`;
    case 'sticker_not_intact':
      return `The warranty sticker is ${v.sticker[facts.warrantySticker].toLowerCase()}.`;
    case 'purchased_abroad':
      return `Bought in ${facts.purchaseCountry}, serviced in ${facts.serviceCountry}: a chargeable repair only.`;
    case 'channel_not_covered':
      return `Bought through ${v.channel[facts.purchaseChannel].toLowerCase()}, which this warranty does not cover.`;
    case 'excluded_finding':
      return `Found: ${r.finding ? v.finding[r.finding] : 'an excluded condition'}.`;
    case 'advisory':
      return (r.advisory && v.advisory[r.advisory]) ?? 'Note the policy’s condition.';
    case 'unverified_fact':
      return `The ${r.fact ? v.fact[r.fact] : 'date'} is not confirmed by HQ’s registry yet: this decision is provisional.`;
    default:
      throw missingCaseError(r.code);
  }
}

/** A clause's text cut to a readable length, for screens and receipts. */
export function shortClause(text: string, max = 140): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
