import type { TicketStatus } from '../../shared/domain/ticket';
import type {
  Component,
  DocumentKind,
  FindingCode,
  PurchaseChannel,
  Remedy,
  StartDateKind,
  StickerState,
  VerifiableFact,
} from '../../shared/warranty/vocabulary';

/**
 * The engine's codes in plain English, for the counter and the customer. Part of the message
 * catalog: a second language adds its own file with the same shape (the types make it complete).
 */
export interface Vocabulary {
  readonly finding: Readonly<Record<FindingCode, string>>;
  readonly component: Readonly<Record<Component, string>>;
  readonly channel: Readonly<Record<PurchaseChannel, string>>;
  readonly sticker: Readonly<Record<StickerState, string>>;
  readonly document: Readonly<Record<DocumentKind, string>>;
  readonly startDate: Readonly<Record<StartDateKind, string>>;
  readonly fact: Readonly<Record<VerifiableFact, string>>;
  readonly remedy: Readonly<Record<Remedy, string>>;
  readonly status: Readonly<Record<TicketStatus, string>>;
  readonly advisory: Readonly<Record<string, string>>;
}

export const vocabulary: Vocabulary = {
  finding: {
    physical_damage: 'Physical damage (dropped, cracked, bent, squeezed)',
    liquid_damage: 'Liquid damage (water, moisture, corrosion)',
    wear_and_tear: 'Normal wear and tear',
    rooted_firmware: 'Rooted or flashed; an official update does not restore it',
    rooted_firmware_restorable: 'Rooted or flashed; an official update restores it',
    unauthorized_repair: 'Opened or repaired outside an authorized center',
    non_genuine_accessory: 'Used with a non-genuine charger or accessory',
    act_of_god: 'Fire, flood, earthquake or lightning',
    extreme_conditions: 'Used or stored in extreme conditions',
    modified: 'Modified',
    serial_label_damaged: 'Serial label missing, damaged or unreadable',
    power_supply_fault: 'Damaged by the power supply or wrong voltage',
    computer_virus: 'Computer virus',
    transport_damage: 'Damaged in transport',
    continued_use_after_fault: 'Kept in use after the fault, causing more damage',
    medical_use: 'Used for medical or treatment purposes',
  },
  component: { body: 'Watch body', battery: 'Battery', accessory: 'Accessory' },
  channel: {
    official_store: 'Official store',
    authorized_dealer: 'Authorized dealer',
    other_platform: 'Another platform',
  },
  sticker: { intact: 'Intact', missing: 'Missing', altered: 'Altered' },
  document: { proof_of_purchase: 'Invoice (proof of purchase)', warranty_card: 'Warranty card' },
  startDate: { invoice_date: 'invoice date', activation_date: 'activation date' },
  fact: { invoice_date: 'invoice date', activation_date: 'activation date' },
  remedy: {
    free_repair: 'Free repair',
    free_replacement: 'Free replacement',
    paid_repair: 'Paid repair',
    worry_free_replacement: 'Worry-free replacement (a new watch at a reduced price)',
  },
  status: {
    received: 'Received',
    diagnosing: 'Diagnosing',
    awaiting_approval: 'Awaiting customer approval',
    awaiting_parts: 'Awaiting parts',
    repairing: 'Repairing',
    ready_for_pickup: 'Ready for pickup',
    collected: 'Collected',
    cancelled: 'Cancelled',
    not_repairable: 'Not repairable',
    no_fault_found: 'No fault found / advice given',
  },
  advisory: {
    approval_before_flashing: 'Ask for the customer’s approval before flashing the software.',
  },
};
