export { evaluate } from './evaluate';
export {
  parsePolicy,
  loadPolicy,
  formatPolicyLoadError,
  type CompiledPolicy,
  type PolicyLoadError,
} from './compile';
export { policySchema, type PolicyDocument } from './policySchema';
export { validateWarrantyCase, type WarrantyCase, type CaseError } from './case';
export * from './types';
export * from './vocabulary';
export { isCountryCode, type CountryCode } from './countries';
