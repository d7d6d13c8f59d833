import { bundledPolicyFiles } from '../../../policies';
import {
  loadPolicy,
  validateWarrantyCase,
  type CompiledPolicy,
  type WarrantyCase,
} from '../../../shared/warranty';

export const policies: ReadonlyMap<string, CompiledPolicy> = new Map(
  bundledPolicyFiles.map(({ file, json }) => {
    const p = loadPolicy(json, file);
    return [p.id, p] as const;
  }),
);

/** A case in the CLI's format, with sensible defaults: an in-warranty XINJI body repair in India. */
export function warrantyCase(over: Record<string, unknown> = {}): WarrantyCase {
  const withDefaults: Record<string, unknown> = {
    policy: 'xinji',
    visitDate: '2026-02-14',
    component: 'body',
    invoiceDate: '2025-07-03',
    activationDate: '2025-07-01',
    proofOfPurchase: true,
    warrantyCard: true,
    purchaseChannel: 'authorized_dealer',
    purchaseCountry: 'IN',
    serviceCountry: 'IN',
    warrantySticker: 'intact',
    findings: [],
    ...over,
  };
  // `undefined` in `over` means "absent", as in a case file that leaves the field out.
  const input = Object.fromEntries(Object.entries(withDefaults).filter(([, v]) => v !== undefined));
  const r = validateWarrantyCase(input, policies);
  if (!r.ok) throw new Error(`test case is invalid: ${r.error.message}`);
  return r.value;
}
