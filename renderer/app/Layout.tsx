import { t, type MessageKey } from '../i18n/t';
import { useEffect } from 'react';
import { SyncStatusBar } from '../components/SyncStatusBar';
import { useAppSettings, useStorageProblem } from '../data/hooks';
import { NavLink, Outlet, useNavigate } from './routing';
import { useServices } from './services';

const NAV: readonly { to: string; label: MessageKey; end?: boolean }[] = [
  { to: '/', label: 'nav.home', end: true },
  { to: '/intake', label: 'nav.intake' },
  { to: '/tickets', label: 'nav.tickets' },
  { to: '/parts', label: 'nav.parts' },
  { to: '/returns', label: 'nav.returns' },
  { to: '/reports', label: 'nav.reports' },
  { to: '/settings', label: 'nav.settings' },
  { to: '/backup', label: 'nav.backup' },
];

/** Global keys for a counter run from the keyboard: F2 new intake, F3 find a ticket. */
function useShortcuts(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'F2') {
        e.preventDefault();
        void navigate('/intake');
      } else if (e.key === 'F3') {
        e.preventDefault();
        void navigate('/tickets');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [navigate]);
}

/** The desktop shell's File menu (Backup…, Restore…) opens the backup screen. */
function useShellEvents(): void {
  const { host } = useServices();
  const navigate = useNavigate();
  useEffect(
    () =>
      host.onShellEvent((event) => {
        void navigate(event === 'open-restore' ? '/backup?restore=1' : '/backup');
      }),
    [host, navigate],
  );
}

export function Layout() {
  const { db, storage } = useServices();
  useShellEvents();
  const settings = useAppSettings(db);
  const problem = useStorageProblem(storage);
  useShortcuts();
  const centerName = settings.state === 'ready' ? settings.value.center?.name : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <div>
          <div className="center-name" data-testid="center-name">
            {centerName ?? t('app.name')}
          </div>
          <div className="product">{t('app.tagline')}</div>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? false}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="spacer" />
        <SyncStatusBar />
      </header>
      {problem !== null && (
        <div className="banner bad" role="alert">
          {t('storage.blocked', { problem: problem.message })}
        </div>
      )}
      <main>
        <Outlet />
      </main>
    </div>
  );
}
