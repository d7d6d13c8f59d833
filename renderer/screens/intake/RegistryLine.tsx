import { missingCaseError } from '../../../shared/lib/assert';
import type { SerialLookup } from '../../sync';
import { vocabulary } from '../../i18n/vocabulary';
import { t } from '../../i18n/t';

/** What HQ's registry said about the serial, in one line under it. */
export function RegistryLine({ lookup }: { lookup: SerialLookup | { status: 'checking' } }) {
  const text = (() => {
    switch (lookup.status) {
      case 'checking':
        return t('registry.checking');
      case 'found': {
        const a = lookup.answer;
        const parts = [
          a.activationDate
            ? t('registry.activated', { date: a.activationDate })
            : t('registry.notActivated'),
        ];
        if (a.sold?.date) {
          parts.push(
            t('registry.sold', {
              date: a.sold.date,
              where: a.sold.country ?? '—',
              channel: a.sold.channel ? vocabulary.channel[a.sold.channel].toLowerCase() : '—',
            }),
          );
        }
        if (a.repairs.length > 0) parts.push(t('registry.repairs', { count: a.repairs.length }));
        if (a.freeReplacementsGiven > 0) {
          parts.push(t('registry.replacements', { count: a.freeReplacementsGiven }));
        }
        return `${t('registry.found')} ${parts.join('; ')}.`;
      }
      case 'unknown':
        return t('registry.unknown');
      case 'offline':
        return t('registry.offline');
      case 'not_enrolled':
        return t('registry.notEnrolled');
      default:
        throw missingCaseError(lookup);
    }
  })();
  const tone = lookup.status === 'found' ? 'ok' : lookup.status === 'checking' ? '' : 'warn';
  return (
    <p className={`registry notice ${tone}`} role="status" data-testid="registry-line">
      {text}
    </p>
  );
}
