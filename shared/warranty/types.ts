import type { PlainDate } from '../dates/plainDate';
import type {
  Component,
  DocumentKind,
  FindingCode,
  PurchaseChannel,
  Remedy,
  StartDateKind,
  StickerState,
  VerifiableFact,
} from './vocabulary';
import type { CountryCode } from './countries';

/** What the counter knows about the watch and the visit, as the technician recorded it. */
export interface WarrantyFacts {
  readonly component: Component;
  /** Date on the invoice; absent when none is shown or told. */
  readonly invoiceDate?: PlainDate | undefined;
  /** Activation date as read from the watch (or from HQ's registry). */
  readonly activationDate?: PlainDate | undefined;
  readonly proofOfPurchase: boolean;
  readonly warrantyCard: boolean;
  readonly purchaseChannel: PurchaseChannel;
  readonly purchaseCountry: CountryCode;
  readonly serviceCountry: CountryCode;
  readonly warrantySticker: StickerState;
  readonly findings: readonly FindingCode[];
  /** Free replacements already given on this order, from HQ's registry, when known. */
  readonly freeReplacementsGiven?: number | undefined;
  /** Facts recorded but not yet confirmed (for example, HQ's registry was not reachable). */
  readonly unverified?: readonly VerifiableFact[] | undefined;
}

export type ReasonCode =
  | 'start_date'
  | 'within_period'
  | 'period_expired'
  | 'no_start_date'
  | 'component_not_covered'
  | 'missing_document'
  | 'sticker_not_intact'
  | 'purchased_abroad'
  | 'channel_not_covered'
  | 'excluded_finding'
  | 'advisory'
  | 'unverified_fact';

/** `covers` and `excludes` decide; `note` explains without changing the outcome. */
export type ReasonEffect = 'covers' | 'excludes' | 'note';

/** One step of a decision, with the clause of the brand's policy it rests on. */
export interface DecisionReason {
  readonly code: ReasonCode;
  readonly effect: ReasonEffect;
  readonly clauseId: string;
  readonly clauseText: string;
  readonly finding?: FindingCode;
  readonly document?: DocumentKind;
  readonly startDate?: StartDateKind;
  readonly fact?: VerifiableFact;
  /** For advisories: what the counter must do (for example, ask before flashing). */
  readonly advisory?: string;
}

/** Something the customer can have, and the clause that offers it (null: the center's own service). */
export interface RemedyOption {
  readonly remedy: Remedy;
  readonly clauseId: string | null;
  readonly clauseText: string | null;
}

export interface WarrantyDecision {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly visitDate: PlainDate;
  readonly component: Component;
  readonly covered: boolean;
  readonly charge: 'free' | 'paid';
  readonly warrantyStart: PlainDate | null;
  readonly warrantyStartSource: StartDateKind | null;
  readonly lastCoveredDay: PlainDate | null;
  /** Days from the visit to the last covered day; 0 on the last day and after it. */
  readonly daysLeft: number | null;
  readonly reasons: readonly DecisionReason[];
  /** Documents the policy asks for that were not shown; producing them may change the outcome. */
  readonly missingEvidence: readonly DocumentKind[];
  /** Made on missing or unconfirmed evidence: re-check when it arrives. */
  readonly provisional: boolean;
  /** Covered: the free remedies that apply. Not covered: what the customer can still have. */
  readonly remedies: readonly RemedyOption[];
}
