// The bundled troubleshooting knowledge bases, as raw JSON. They are data: shared/troubleshooting
// validates them (`parseKnowledgeBase`), so a wrong file fails with its name and the path in it.
// They sit at the top of policies/ because policies/tsconfig.json includes only top-level files.
import kospet from './kb-kospet.json';
import xinji from './kb-xinji.json';
import coros from './kb-coros.json';
import bluetens from './kb-bluetens.json';

export interface BundledKnowledgeBaseFile {
  readonly file: string;
  readonly json: unknown;
}

export const bundledKnowledgeBaseFiles: readonly BundledKnowledgeBaseFile[] = [
  { file: 'policies/kb-kospet.json', json: kospet },
  { file: 'policies/kb-xinji.json', json: xinji },
  { file: 'policies/kb-coros.json', json: coros },
  { file: 'policies/kb-bluetens.json', json: bluetens },
];
