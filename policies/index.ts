// The bundled policy files, as raw JSON. They are data: shared/warranty validates and compiles
// them (`parsePolicy`), so a wrong file fails with its name and the path inside it.
import xinji from './xinji.json';
import kospet from './kospet.json';
import coros from './coros.json';
import bluetens from './bluetens.json';

export interface BundledPolicyFile {
  readonly file: string;
  readonly json: unknown;
}

export const bundledPolicyFiles: readonly BundledPolicyFile[] = [
  { file: 'policies/xinji.json', json: xinji },
  { file: 'policies/kospet.json', json: kospet },
  { file: 'policies/coros.json', json: coros },
  { file: 'policies/bluetens.json', json: bluetens },
];
