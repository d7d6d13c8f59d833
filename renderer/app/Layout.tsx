import { t, type MessageKey } from '../i18n/t';
import { useAppSettings, useStorageProblem } from '../data/hooks';
import { NavLink, Outlet } from './routing';
import { useServices } from './services';

const NAV: readonly { to: string; label: MessageKey; end?: boolean }[] = [
  { to: '/', label: 'nav.home', end: true },
  { to: '/settings', label: 'nav.settings' },
];

export function Layout() {
  const { db, storage } = useServices();
  const settings = useAppSettings(db);
  const problem = useStorageProblem(storage);
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
