/**
 * Deterministic generator of warranty cases in the CLI's format, for the engine benchmark and the
 * CLI timing. A seeded PRNG (mulberry32) keeps every run's cases identical.
 */
import {
  COMPONENTS,
  FINDING_CODES,
  POLICY_IDS,
  PURCHASE_CHANNELS,
  STICKER_STATES,
} from '../shared/warranty/vocabulary';
import { addDays, type PlainDate } from '../shared/dates/plainDate';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RawCase {
  policy: string;
  visitDate: string;
  component: string;
  invoiceDate?: string;
  activationDate?: string;
  proofOfPurchase: boolean;
  warrantyCard: boolean;
  purchaseChannel: string;
  purchaseCountry: string;
  serviceCountry: string;
  warrantySticker: string;
  findings: string[];
}

const COUNTRIES = ['IN', 'IN', 'IN', 'DE', 'US', 'FR', 'CN'];
const BASE = '2023-01-01' as PlainDate;

export function generateCases(
  n: number,
  seed = 42,
  policies: readonly string[] = POLICY_IDS,
): RawCase[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: RawCase[] = new Array<RawCase>(n);
  for (let i = 0; i < n; i++) {
    const visitOffset = 365 + Math.floor(rnd() * 1100);
    const visitDate = addDays(BASE, visitOffset);
    const invoiceBack = Math.floor(rnd() * 900);
    const activationShift = Math.floor(rnd() * 40) - 10;
    const hasInvoice = rnd() < 0.9;
    const hasActivation = rnd() < 0.8;
    const purchaseCountry = pick(COUNTRIES);
    const c: RawCase = {
      policy: pick(policies),
      visitDate,
      component: pick(COMPONENTS),
      proofOfPurchase: rnd() < 0.85,
      warrantyCard: rnd() < 0.7,
      purchaseChannel: pick(PURCHASE_CHANNELS),
      purchaseCountry,
      serviceCountry: rnd() < 0.9 ? purchaseCountry : pick(COUNTRIES),
      warrantySticker: rnd() < 0.9 ? 'intact' : pick(STICKER_STATES),
      findings: rnd() < 0.7 ? [] : [pick(FINDING_CODES)],
    };
    if (hasInvoice) c.invoiceDate = addDays(visitDate, -invoiceBack);
    if (hasActivation)
      c.activationDate = addDays(visitDate, -Math.max(0, invoiceBack - activationShift));
    out[i] = c;
  }
  return out;
}
