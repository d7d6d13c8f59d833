import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { BRAND_NAMES } from '../../../shared/domain/brand';
import type { PhotoId, TicketId } from '../../../shared/domain/ids';
import { formatMoney, parseMoney } from '../../../shared/domain/money';
import {
  isFinalStatus,
  TICKET_TRANSITIONS,
  type TicketStatus,
} from '../../../shared/domain/ticket';
import { evaluate } from '../../../shared/warranty';
import { FINDING_CODES, type FindingCode } from '../../../shared/warranty/vocabulary';
import { addNote, changeStatus, recordDiagnosis, setQuote } from '../../data/commands';
import type { AppSettings, PhotoKind, TicketEventRow } from '../../data/db';
import { useAppSettings } from '../../data/hooks';
import { useLiveQuery } from '../../data/live';
import { getPhotoBlob, getTicket, type TicketDetail } from '../../data/queries';
import { showCommandError, type ShownError } from '../../app/commandErrors';
import { Link, useParams } from '../../app/routing';
import { useServices } from '../../app/services';
import { DecisionPanel } from '../../components/DecisionPanel';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields';
import { vocabulary } from '../../i18n/vocabulary';
import { TicketPartsPanel } from '../parts/TicketPartsPanel';
import { PrintPanel } from './PrintPanel';
import { RegistryRecheck, RejectedByHq } from './SyncNotices';
import { t } from '../../i18n/t';

const NO_ERROR: ShownError = { fields: {}, message: '' };

export function TicketScreen() {
  const { id } = useParams();
  const { db } = useServices();
  const settings = useAppSettings(db);
  const detail = useLiveQuery(() => getTicket(db, (id ?? '') as TicketId), [db, id]);
  if (detail.state === 'loading' || settings.state === 'loading') {
    return <p className="muted">{t('loading')}</p>;
  }
  if (detail.state === 'error' || settings.state === 'error') {
    return <p className="notice bad">{t('ticket.loadFailed')}</p>;
  }
  if (detail.value === null) {
    return (
      <section className="panel">
        <h1>{t('ticket.notFound')}</h1>
        <Link to="/tickets">{t('ticket.backToList')}</Link>
      </section>
    );
  }
  return <Ticket detail={detail.value} settings={settings.value} />;
}

const when = (ms: number): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

function Ticket({ detail, settings }: { detail: TicketDetail; settings: AppSettings }) {
  const { ticket, customer, device, decisions, events } = detail;
  const current = decisions[decisions.length - 1];
  const techName = (id: string) => settings.technicians.find((x) => x.id === id)?.name ?? '—';
  const activeTechs = settings.technicians.filter((x) => x.active);
  const [techId, setTechId] = useState(activeTechs[0]?.id ?? '');

  return (
    <div className="ticket">
      <header className="panel ticket-head">
        <div>
          <h1 className="mono">{ticket.number}</h1>
          <p className="muted">
            {t('ticket.received', {
              when: when(ticket.createdAt),
              by: techName(ticket.receivedBy),
            })}
          </p>
        </div>
        <span className={`badge big status-${ticket.status}`} data-testid="ticket-status">
          {vocabulary.status[ticket.status]}
        </span>
      </header>

      <RejectedByHq detail={detail} />
      <RegistryRecheck detail={detail} settings={settings} techId={techId} />
      <div className="ticket-grid">
        <div className="stack">
          <section className="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('ticket.facts')}</h2>
            <dl className="facts">
              <dt>{t('tickets.customer')}</dt>
              <dd>
                {customer?.name ?? '—'} <span className="mono">{customer?.phone ?? ''}</span>
              </dd>
              <dt>{t('tickets.watch')}</dt>
              <dd>
                {BRAND_NAMES[ticket.brand]} {device?.model ?? ''}
              </dd>
              <dt>Serial number</dt>
              <dd className="mono">{ticket.serial}</dd>
              <dt>Invoice</dt>
              <dd>
                {device?.invoiceNumber || '—'} · {device?.invoiceDate ?? t('ticket.noDate')}
              </dd>
              <dt>Activation date</dt>
              <dd>{device?.activationDate ?? t('ticket.noDate')}</dd>
              <dt>{t('intake.component')}</dt>
              <dd>{vocabulary.component[ticket.component]}</dd>
              <dt>{t('ticket.accessories')}</dt>
              <dd>{ticket.accessories.length > 0 ? ticket.accessories.join(', ') : '—'}</dd>
              <dt>Complaint</dt>
              <dd className="pre">{ticket.complaint}</dd>
              <dt>{t('ticket.findings')}</dt>
              <dd>
                {ticket.findings.length > 0
                  ? ticket.findings.map((f) => vocabulary.finding[f]).join('; ')
                  : t('ticket.noFindings')}
              </dd>
              {ticket.quote !== null ? (
                <>
                  <dt>{t('ticket.quote')}</dt>
                  <dd>{formatMoney(ticket.quote, navigator.language)}</dd>
                </>
              ) : null}
            </dl>
          </section>

          {isFinalStatus(ticket.status) ? null : (
            <section className="panel" aria-labelledby="work-title">
              <h2 id="work-title">{t('ticket.work')}</h2>
              <SelectField
                label={t('ticket.technician')}
                value={techId}
                options={activeTechs.map((x) => ({ value: x.id, label: x.name }))}
                onChange={setTechId}
              />
              <StatusForm detail={detail} techId={techId} />
              <DiagnosisForm detail={detail} settings={settings} techId={techId} />
              <QuoteForm detail={detail} settings={settings} techId={techId} />
            </section>
          )}
          <TicketPartsPanel ticketId={ticket.id} techId={techId} />
          <NoteForm detail={detail} techId={techId} />
          <Timeline events={events} techName={techName} />
        </div>

        <div className="stack">
          <DecisionPanel
            decision={current?.decision ?? null}
            facts={current?.facts ?? null}
            brandName={BRAND_NAMES[ticket.brand]}
          />
          {decisions.length > 1 ? (
            <section className="panel" aria-labelledby="decisions-title">
              <h2 id="decisions-title">{t('ticket.decisionHistory')}</h2>
              <ol className="decision-history">
                {decisions.map((d) => (
                  <li key={d.id}>
                    <span className={`badge ${d.decision.covered ? 'ok' : 'bad'}`}>
                      {d.decision.covered ? 'Covered' : 'Not covered'}
                    </span>{' '}
                    {d.cause === 'intake' ? t('ticket.atIntake') : t('ticket.afterDiagnosis')} ·{' '}
                    {when(d.at)} · {techName(d.technicianId)}
                    {d.decision.provisional ? (
                      <span className="badge warn">Provisional</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <PrintPanel ticketId={ticket.id} techId={techId} />
          <Photos detail={detail} />
        </div>
      </div>
    </div>
  );
}

function StatusForm({ detail, techId }: { detail: TicketDetail; techId: string }) {
  const { commands } = useServices();
  const { ticket } = detail;
  // Every move of the table is offered; one that is refused now (no quote yet) says why.
  const options = TICKET_TRANSITIONS[ticket.status];
  const [to, setTo] = useState<TicketStatus | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const needsReason = to === 'cancelled' || to === 'not_repairable';

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (to === '') {
      setError({ fields: { to: t('ticket.status.choose') }, message: '' });
      return;
    }
    const r = await changeStatus(commands, {
      ticketId: ticket.id,
      to,
      technicianId: techId as never,
      reason,
    });
    if (r.ok) {
      setTo('');
      setReason('');
      setError(NO_ERROR);
    } else setError(showCommandError(r.error));
  };

  return (
    <form className="subform" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('ticket.status.title')}</h3>
      <div className="grid-2">
        <SelectField
          label={t('ticket.status.to')}
          value={to}
          options={[
            { value: '', label: t('intake.choose') },
            ...options.map((s) => ({ value: s, label: vocabulary.status[s] })),
          ]}
          onChange={setTo}
          error={error.fields.to}
        />
        <TextField
          label={needsReason ? t('ticket.status.reasonRequired') : t('ticket.status.reason')}
          value={reason}
          onChange={setReason}
          error={error.fields.reason}
        />
      </div>
      {error.message && !error.fields.to && !error.fields.reason ? (
        <div className="notice bad" role="alert">
          {error.message} {Object.values(error.fields).join(' ')}
        </div>
      ) : null}
      <button type="submit">{t('ticket.status.change')}</button>
    </form>
  );
}

function DiagnosisForm({
  detail,
  settings,
  techId,
}: {
  detail: TicketDetail;
  settings: AppSettings;
  techId: string;
}) {
  const { commands, policies } = useServices();
  const { ticket, decisions } = detail;
  const last = decisions[decisions.length - 1];
  const [found, setFound] = useState<FindingCode[]>([]);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const policy = policies.get(settings.policyPerBrand[ticket.brand]);
  const candidates = FINDING_CODES.filter((f) => !ticket.findings.includes(f));

  const next = useMemo(() => {
    if (last === undefined || policy === undefined) return null;
    const facts = { ...last.facts, findings: [...last.facts.findings, ...found] };
    return { facts, decision: evaluate(policy, facts, ticket.visitDate) };
  }, [last, policy, found, ticket.visitDate]);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (next === null) return;
    const r = await recordDiagnosis(commands, {
      ticketId: ticket.id,
      technicianId: techId as never,
      newFindings: found,
      summary,
      facts: next.facts,
      decision: next.decision,
    });
    if (r.ok) {
      setFound([]);
      setSummary('');
      setError(NO_ERROR);
    } else setError(showCommandError(r.error));
  };

  return (
    <form className="subform" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('ticket.diagnosis.title')}</h3>
      <p className="muted">{t('ticket.diagnosis.lead')}</p>
      <div className="checklist">
        {candidates.map((code) => (
          <CheckboxField
            key={code}
            label={vocabulary.finding[code]}
            checked={found.includes(code)}
            onChange={(on) => {
              setFound(on ? [...found, code] : found.filter((x) => x !== code));
            }}
          />
        ))}
      </div>
      <TextArea
        label={t('ticket.diagnosis.summary')}
        value={summary}
        onChange={setSummary}
        error={error.fields.summary}
        rows={2}
      />
      {next !== null && found.length > 0 ? (
        <p className={`notice ${next.decision.covered ? 'ok' : 'bad'}`} role="status">
          {t('ticket.diagnosis.preview', {
            verdict: next.decision.covered ? 'Covered' : 'Not covered',
            charge: next.decision.charge === 'free' ? 'free' : 'paid',
          })}
        </p>
      ) : null}
      {error.message ? (
        <div className="notice bad" role="alert">
          {error.message} {Object.values(error.fields).join(' ')}
        </div>
      ) : null}
      <button type="submit">{t('ticket.diagnosis.record')}</button>
    </form>
  );
}

function QuoteForm({
  detail,
  settings,
  techId,
}: {
  detail: TicketDetail;
  settings: AppSettings;
  techId: string;
}) {
  const { commands } = useServices();
  const currency = settings.center?.currency;
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<ShownError>(NO_ERROR);
  if (currency === undefined || detail.ticket.decision.charge === 'free') return null;

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const parsed = parseMoney(amount, currency);
    if (!parsed.ok) {
      setError({ fields: { amount: parsed.error }, message: '' });
      return;
    }
    const r = await setQuote(commands, {
      ticketId: detail.ticket.id,
      technicianId: techId as never,
      amount: parsed.value,
    });
    if (r.ok) {
      setAmount('');
      setError(NO_ERROR);
    } else setError(showCommandError(r.error));
  };

  return (
    <form className="subform" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('ticket.quote.title')}</h3>
      <TextField
        label={t('ticket.quote.amount', { currency })}
        value={amount}
        onChange={setAmount}
        inputMode="decimal"
        error={error.fields.amount}
      />
      {error.message ? (
        <div className="notice bad" role="alert">
          {error.message}
        </div>
      ) : null}
      <button type="submit">{t('ticket.quote.set')}</button>
    </form>
  );
}

function NoteForm({ detail, techId }: { detail: TicketDetail; techId: string }) {
  const { commands } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const r = await addNote(commands, {
      ticketId: detail.ticket.id,
      technicianId: techId as never,
      text,
    });
    if (r.ok) {
      setText('');
      setError(NO_ERROR);
    } else setError(showCommandError(r.error));
  };
  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="note-title"
    >
      <h2 id="note-title">{t('ticket.notes')}</h2>
      <TextArea
        label={t('ticket.note')}
        value={text}
        onChange={setText}
        error={error.fields.text}
        rows={2}
      />
      {error.message && !error.fields.text ? (
        <div className="notice bad" role="alert">
          {error.message} {Object.values(error.fields).join(' ')}
        </div>
      ) : null}
      <button type="submit">{t('ticket.addNote')}</button>
    </form>
  );
}

function describeEvent(e: TicketEventRow): string {
  switch (e.kind) {
    case 'created':
      return t('event.created', { number: e.number });
    case 'status':
      return (
        t('event.status', { from: vocabulary.status[e.from], to: vocabulary.status[e.to] }) +
        (e.reason ? ` — ${e.reason}` : '')
      );
    case 'note':
      return e.text;
    case 'decision':
      return t('event.decision', {
        verdict: e.decision.covered ? 'Covered' : 'Not covered',
        charge: e.decision.charge,
      });
    case 'diagnosis':
      return t('event.diagnosis', {
        findings: e.newFindings.map((f) => vocabulary.finding[f]).join('; ') || '—',
        summary: e.summary,
      });
    case 'quote':
      return e.quote === null
        ? t('event.quoteCleared')
        : t('event.quote', { amount: formatMoney(e.quote, navigator.language) });
    case 'troubleshooting': {
      const tried = e.steps.filter((s) => s.tried);
      const lines = tried.map(
        (s) =>
          `${String(s.index + 1)}. ${s.text} — ${s.result === 'helped' ? t('event.helped') : t('event.noChange')}`,
      );
      return [
        t(e.outcome === 'resolved' ? 'event.tsResolved' : 'event.tsContinue', {
          symptom: e.symptomName,
        }),
        ...(tried.length === 0 ? [t('event.tsNothingTried')] : lines),
        ...(e.advice ? [e.advice] : []),
      ].join('\n');
    }
  }
}

function Timeline({
  events,
  techName,
}: {
  events: readonly TicketEventRow[];
  techName: (id: string) => string;
}) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('ticket.history')}</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} className={`event ${e.kind}`}>
            <span className="when">{when(e.at)}</span>
            <span className="who">{techName(e.technicianId)}</span>
            <span className="what pre">{describeEvent(e)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

interface ShownPhoto {
  readonly id: PhotoId;
  readonly url: string;
  readonly kind: PhotoKind;
}

function Photos({ detail }: { detail: TicketDetail }) {
  const { db } = useServices();
  const [urls, setUrls] = useState<ShownPhoto[]>([]);
  useEffect(() => {
    let made: string[] = [];
    let stale = false;
    void Promise.all(
      detail.photos.map(async (p) => {
        const blob = await getPhotoBlob(db, p.id);
        return blob === null ? null : { id: p.id, url: URL.createObjectURL(blob), kind: p.kind };
      }),
    ).then((rows) => {
      const ok = rows.filter((r): r is ShownPhoto => r !== null);
      made = ok.map((r) => r.url);
      if (stale) {
        for (const u of made) URL.revokeObjectURL(u);
      } else setUrls(ok);
    });
    return () => {
      stale = true;
      for (const u of made) URL.revokeObjectURL(u);
    };
  }, [db, detail.photos]);
  if (urls.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('ticket.photos')}</h2>
      <ul className="thumbs">
        {urls.map((p, i) => (
          <li key={p.id}>
            <img
              src={p.url}
              alt={p.kind === 'signature' ? t('ticket.signature') : `Photo ${String(i + 1)}`}
              className={p.kind === 'signature' ? 'signature-img' : undefined}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
