import { useState, useSyncExternalStore } from 'react';
import { missingCaseError } from '../../shared/lib/assert';
import type { SyncStatus } from '../sync';
import { useServices } from '../app/services';
import { Link } from '../app/routing';
import { t } from '../i18n/t';

const time = (ms: number | null): string =>
  ms === null
    ? t('sync.never')
    : new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(ms);

function headline(s: SyncStatus): { tone: 'ok' | 'warn' | 'bad' | 'neutral'; text: string } {
  switch (s.state) {
    case 'not_enrolled':
      return { tone: 'neutral', text: t('sync.notEnrolled') };
    case 'needs_enrollment':
      return { tone: 'bad', text: t('sync.needsEnrollment') };
    case 'syncing':
      return { tone: 'neutral', text: t('sync.syncing') };
    case 'offline':
      return { tone: 'warn', text: t('sync.offline') };
    case 'error':
      return { tone: 'bad', text: t('sync.error') };
    case 'idle':
      return {
        tone: s.online ? 'ok' : 'warn',
        text: s.online ? t('sync.online') : t('sync.offline'),
      };
    default:
      throw missingCaseError(s.state);
  }
}

/** Always visible: is HQ reachable, what waits, when the last sync succeeded, what went wrong. */
export function SyncStatusBar() {
  const { sync, syncStatus } = useServices();
  const status = useSyncExternalStore(syncStatus.subscribe, syncStatus.get);
  const [busy, setBusy] = useState(false);
  const h = headline(status);
  const enrolled = status.state !== 'not_enrolled';
  return (
    <div className="sync-status" role="status" aria-label={t('sync.label')} aria-live="polite">
      <span className={`dot ${h.tone}`} aria-hidden="true" />
      <span className="sync-text">
        <strong>{h.text}</strong>
        <span> · {t('sync.waiting', { count: status.waiting })}</span>
        {enrolled ? <span> · {t('sync.last', { time: time(status.lastSuccessAt) })}</span> : null}
        {status.rejected > 0 ? (
          <span> · {t('sync.rejected', { count: status.rejected })}</span>
        ) : null}
      </span>
      {status.lastError !== null && status.state !== 'not_enrolled' ? (
        <span className="sync-error" title={status.lastError}>
          {status.lastError}
        </span>
      ) : null}
      {enrolled && status.state !== 'needs_enrollment' ? (
        <button
          type="button"
          className="small"
          disabled={busy || status.state === 'syncing'}
          onClick={() => {
            setBusy(true);
            void sync.syncNow().finally(() => {
              setBusy(false);
            });
          }}
        >
          {t('sync.now')}
        </button>
      ) : (
        <Link to="/settings#hq" className="button small">
          {t('sync.enroll')}
        </Link>
      )}
    </div>
  );
}
