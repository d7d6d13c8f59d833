import { t } from '../i18n/t';
import { useAppSettings } from '../data/hooks';
import { useServices } from '../app/services';
import { Link } from '../app/routing';

export function HomeScreen() {
  const { db } = useServices();
  const settings = useAppSettings(db);
  if (settings.state === 'loading') return <p className="muted">{t('loading')}</p>;
  const center = settings.state === 'ready' ? settings.value.center : null;

  return (
    <section className="panel" aria-labelledby="home-title">
      <h1 id="home-title">
        {t('home.title', { center: center?.name ?? t('home.unnamedCenter') })}
      </h1>
      {center === null ? (
        <>
          <p className="lead">{t('home.setupNeeded')}</p>
          <div className="actions">
            <Link className="button primary" to="/settings">
              {t('home.openSettings')}
            </Link>
          </div>
        </>
      ) : (
        <>
          <p className="lead">{t('home.ready')}</p>
          <div className="actions">
            <Link className="button primary" to="/intake">
              {t('home.startIntake')}
            </Link>
            <Link className="button" to="/tickets">
              {t('home.findTicket')}
            </Link>
          </div>
          <p className="kbd-hint">{t('home.lead')}</p>
        </>
      )}
    </section>
  );
}
