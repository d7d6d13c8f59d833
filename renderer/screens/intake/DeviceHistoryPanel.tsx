import { BRAND_NAMES } from '../../../shared/domain/brand';
import type { DeviceHistory } from '../../data/queries';
import { Link } from '../../app/routing';
import { vocabulary } from '../../i18n/vocabulary';
import { t } from '../../i18n/t';

/** What this counter knows of the watch: earlier tickets, and a flag for a repeat repair. */
export function DeviceHistoryPanel({ history }: { history: DeviceHistory }) {
  if (history.tickets.length === 0) {
    return (
      <p className="history muted" role="status">
        {t('history.none')}
      </p>
    );
  }
  return (
    <section className="history" aria-label={t('history.title')} role="status">
      <h3>
        {t('history.title')}{' '}
        {history.repeatRepair ? (
          <span className="badge bad">
            {t('history.repeat', { days: history.daysSinceLastVisit ?? 0 })}
          </span>
        ) : null}
      </h3>
      <table className="list compact">
        <thead>
          <tr>
            <th>{t('tickets.number')}</th>
            <th>{t('tickets.visit')}</th>
            <th>{t('tickets.status')}</th>
            <th>{t('tickets.complaint')}</th>
          </tr>
        </thead>
        <tbody>
          {history.tickets.map(({ ticket }) => (
            <tr key={ticket.id}>
              <td>
                <Link to={`/tickets/${ticket.id}`} className="mono">
                  {ticket.number}
                </Link>
              </td>
              <td>{ticket.visitDate}</td>
              <td>{vocabulary.status[ticket.status]}</td>
              <td className="clip">{ticket.complaint}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.devices[0] ? (
        <p className="muted">
          {t('history.known', {
            brand: BRAND_NAMES[history.devices[0].brand],
            model: history.devices[0].model || '—',
          })}
        </p>
      ) : null}
    </section>
  );
}
