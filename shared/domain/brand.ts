import { POLICY_IDS, type BundledPolicyId } from '../warranty/vocabulary';

/** The brands a center services; each has its bundled warranty policy of the same id. */
export const BRANDS = POLICY_IDS;
export type BrandId = BundledPolicyId;

export const BRAND_NAMES: Readonly<Record<BrandId, string>> = {
  xinji: 'XINJI',
  kospet: 'KOSPET',
  coros: 'COROS',
  bluetens: 'Bluetens',
};

export function isBrandId(x: unknown): x is BrandId {
  return typeof x === 'string' && (BRANDS as readonly string[]).includes(x);
}
