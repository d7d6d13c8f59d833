/**
 * The engine's vocabulary: closed lists shared by the policy schema, the CLI, the counter's
 * checklist and the receipts. Adding a member forces every exhaustive switch to handle it.
 */

export const COMPONENTS = ['body', 'battery', 'accessory'] as const;
export type Component = (typeof COMPONENTS)[number];

export const PURCHASE_CHANNELS = ['official_store', 'authorized_dealer', 'other_platform'] as const;
export type PurchaseChannel = (typeof PURCHASE_CHANNELS)[number];

export const STICKER_STATES = ['intact', 'missing', 'altered'] as const;
export type StickerState = (typeof STICKER_STATES)[number];

/** What can start a warranty period. */
export const START_DATES = ['invoice_date', 'activation_date'] as const;
export type StartDateKind = (typeof START_DATES)[number];

/** Documents a customer shows at the counter. */
export const DOCUMENTS = ['proof_of_purchase', 'warranty_card'] as const;
export type DocumentKind = (typeof DOCUMENTS)[number];

/** The technician's condition checklist. A policy maps the codes it excludes. */
export const FINDING_CODES = [
  'physical_damage',
  'liquid_damage',
  'wear_and_tear',
  'rooted_firmware',
  'rooted_firmware_restorable',
  'unauthorized_repair',
  'non_genuine_accessory',
  'act_of_god',
  'extreme_conditions',
  'modified',
  'serial_label_damaged',
  'power_supply_fault',
  'computer_virus',
  'transport_damage',
  'continued_use_after_fault',
  'medical_use',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const REMEDIES = [
  'free_repair',
  'free_replacement',
  'paid_repair',
  'worry_free_replacement',
] as const;
export type Remedy = (typeof REMEDIES)[number];

export const isFree = (r: Remedy): boolean => r === 'free_repair' || r === 'free_replacement';

/** Facts that can be recorded without being confirmed yet (offline, registry not asked). */
export const VERIFIABLE_FACTS = ['activation_date', 'invoice_date'] as const;
export type VerifiableFact = (typeof VERIFIABLE_FACTS)[number];

export const POLICY_IDS = ['xinji', 'kospet', 'coros', 'bluetens'] as const;
export type BundledPolicyId = (typeof POLICY_IDS)[number];

export const includes = <T extends string>(list: readonly T[], x: unknown): x is T =>
  typeof x === 'string' && (list as readonly string[]).includes(x);
