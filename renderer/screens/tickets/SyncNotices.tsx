import { useState } from 'react';
import type { TechnicianId } from '../../../shared/domain/ids';
import { evaluate } from '../../../shared/warranty';
import type { WarrantyFacts } from '../../../shared/warranty/types';
import { recordDiagnosis } from '../../data/commands';
import type { AppSettings } from '../../data/db';
import { useLiveQuery } from '../../data/live';
import type { TicketDetail } from '../../data/queries';
import { dismissRejected, readRegistryAnswer, rejectedForTicket } from '../../data/syncStore';
import { showCommandError } from '../../app/commandErrors';
import { useServices } from '../../app/services';
import { t } from '../../i18n/t';

const verdict = (covered: boolean, charge: 'free' | 'paid') =>
  `${covered ? 'Covered' : 'Not covered'}, ${charge}`;

/**
 * A provisional decision is checked again once HQ's registry answers for the serial. The new
 * outcome is shown beside the old one and applied only when a technician says so.
 */
export function RegistryRecheck({
  detail,
  settings,
  techId,
}: {
  detail: TicketDetail;
  settings: AppSettings;
  techId: string;
}) {
  const { db, commands, policies } = useServices();
  const { ticket, decisions } = detail;
  const current = decisions[decisions.length - 1];
  const answer = useLiveQuery(() => readRegistryAnswer(db, ticket.serial), [db, ticket.serial]);
  const [error, setError] = useState('');
  const policy = policies.get(settings.policyPerBrand[ticket.brand]);
  if (
    answer.state !== 'ready' ||
    answer.value === null ||
    current === undefined ||
    policy === undefined
  ) {
    return null;
  }
  if (!current.decision.provisional) return null;
  const hq = answer.value;
  if (hq.activationDate === null) return null;

  const facts: WarrantyFacts = {
    ...current.facts,
    activationDate: hq.activationDate,
    unverified: (current.facts.unverified ?? []).filter((f) => f !== 'activation_date'),
    freeReplacementsGiven: hq.freeReplacementsGiven,
  };
  const next = evaluate(policy, facts, ticket.visitDate);
  const differs =
    next.covered !== current.decision.covered || next.charge !== current.decision.charge;

  const apply = async () => {
    const r = await recordDiagnosis(commands, {
      ticketId: ticket.id,
      technicianId: techId as TechnicianId,
      newFindings: [],
      summary: t('recheck.summary', { date: hq.activationDate ?? '' }),
      facts,
      decision: next,
    });
    if (!r.ok) setError(showCommandError(r.error).message);
  };

  return (
    <section
      className={`panel notice ${differs ? 'bad' : 'ok'}`}
      role={differs ? 'alert' : 'status'}
      aria-label={t('recheck.title')}
    >
      <h2>{t('recheck.title')}</h2>
      <p>
        {t('recheck.answer', { date: hq.activationDate })}{' '}
        {differs
          ? t('recheck.differs', {
              now: verdict(next.covered, next.charge),
              before: verdict(current.decision.covered, current.decision.charge),
            })
          : t('recheck.same', { now: verdict(next.covered, next.charge) })}
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <button
        type="button"
        className={differs ? 'primary' : undefined}
        onClick={() => void apply()}
      >
        {differs ? t('recheck.apply') : t('recheck.confirm')}
      </button>
    </section>
  );
}

/** Changes of this ticket that HQ refused: shown until someone has read them. */
export function RejectedByHq({ detail }: { detail: TicketDetail }) {
  const { db } = useServices();
  const rejected = useLiveQuery(
    () => rejectedForTicket(db, detail.ticket.id),
    [db, detail.ticket.id],
  );
  if (rejected.state !== 'ready' || rejected.value.length === 0) return null;
  return (
    <section className="panel notice bad" role="alert" aria-label={t('rejected.title')}>
      <h2>{t('rejected.title')}</h2>
      <ul>
        {rejected.value.map((r) => (
          <li key={r.mutationId}>
            {t('rejected.item', { what: r.name, message: r.message, code: r.code })}{' '}
            <button
              type="button"
              className="small"
              onClick={() => void dismissRejected(db, r.mutationId)}
            >
              {t('rejected.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
