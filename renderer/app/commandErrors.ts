import type { CommandError } from '../data/commands';
import { toErrorMap, type ErrorMap } from '../components/fields';
import { t } from '../i18n/t';

/** How a failed command is shown: errors beside their fields, or one message for the screen. */
export interface ShownError {
  readonly fields: ErrorMap;
  readonly message: string;
}

export function showCommandError(e: CommandError): ShownError {
  switch (e.kind) {
    case 'invalid':
      return { fields: toErrorMap(e.errors), message: t('form.fixErrors') };
    case 'storage':
      return { fields: {}, message: t('storage.blocked', { problem: e.problem.message }) };
    case 'failed':
      return { fields: {}, message: e.message };
  }
}
