import { useState, type ReactNode, type SyntheticEvent } from 'react';
import type { PlainDate } from '../../../shared/dates/plainDate';
import type { TechnicianId, TicketId } from '../../../shared/domain/ids';
import { heldDays, isHeldTooLong, HELD_TOO_LONG_DAYS } from '../../../shared/parts/report';
import type {
  DefectivePart,
  DefectivePartId,
  ReturnShipment,
  ReturnShipmentStatus,
} from '../../../shared/parts/records';
import { showCommandError } from '../../app/commandErrors';
import { useServices } from '../../app/services';
import { CheckboxField, TextField, type ErrorMap } from '../../components/fields';
import { useAppSettings } from '../../data/hooks';
import { useLiveQuery } from '../../data/live';
import { heldDefectiveParts, listReturnShipments, packReturnShipment } from '../../data/parts';
import { t, tCount } from '../../i18n/t';
import { printManifest, saveManifestPdf } from '../../print/manifest';
import { FlashNotice, formError, TechnicianSelect, type Flash } from './common';

interface Returns {
  readonly held: readonly DefectivePart[];
  readonly shipments: readonly ReturnShipment[];
  readonly ticketNumbers: ReadonlyMap<TicketId, string>;
}

/** Defective parts held for HQ, packing them into a shipment, and the shipments sent. */
export function ReturnsScreen() {
  const { db, today } = useServices();
  const settings = useAppSettings(db);
  const data = useLiveQuery(async (): Promise<Returns> => {
    const [held, shipments] = await Promise.all([heldDefectiveParts(db), listReturnShipments(db)]);
    const tickets = await db.tickets.bulkGet([...new Set(held.map((p) => p.ticketId))]);
    const ticketNumbers = new Map(
      tickets.flatMap((tk) => (tk === undefined ? [] : [[tk.id, tk.number] as const])),
    );
    return { held, shipments, ticketNumbers };
  }, [db]);
  const [techId, setTechId] = useState<TechnicianId | ''>('');

  if (settings.state === 'loading' || data.state === 'loading') {
    return <p className="muted">{t('loading')}</p>;
  }
  if (settings.state === 'error' || data.state === 'error') {
    return <p className="notice bad">{t('parts.loadFailed')}</p>;
  }
  const technicians = settings.value.technicians;
  const chosenTech = techId !== '' ? techId : (technicians.find((x) => x.active)?.id ?? '');
  const day = today();

  return (
    <div className="stack">
      <h1>{t('returns.title')}</h1>
      <PackForm
        held={data.value.held}
        ticketNumbers={data.value.ticketNumbers}
        today={day}
        techId={chosenTech}
        technicianSelect={
          <TechnicianSelect technicians={technicians} value={chosenTech} onChange={setTechId} />
        }
      />
      <Shipments shipments={data.value.shipments} />
    </div>
  );
}

function PackForm({
  held,
  ticketNumbers,
  today,
  techId,
  technicianSelect,
}: {
  held: readonly DefectivePart[];
  ticketNumbers: ReadonlyMap<TicketId, string>;
  today: PlainDate;
  techId: TechnicianId | '';
  technicianSelect: ReactNode;
}) {
  const { commands } = useServices();
  const [chosen, setChosen] = useState<ReadonlySet<DefectivePartId>>(new Set());
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  const tooLong = held.filter((p) => isHeldTooLong(p, today));
  // A part shipped meanwhile (in another window) is no longer offered.
  const partIds = held.filter((p) => chosen.has(p.id)).map((p) => p.id);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await packReturnShipment(commands, {
      technicianId: techId as TechnicianId,
      today,
      carrier,
      trackingNumber,
      partIds,
    });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setChosen(new Set());
      setCarrier('');
      setTrackingNumber('');
      setFlash({
        ok: true,
        text: tCount('returns.packed', r.value.shipment.partIds.length, {
          carrier: r.value.shipment.carrier,
          tracking: r.value.shipment.trackingNumber,
        }),
      });
      return;
    }
    const shown = formError(showCommandError(r.error), ['carrier', 'trackingNumber', 'partIds']);
    setErrors(shown.fields);
    setFlash({ ok: false, text: shown.message });
  };

  return (
    <form className="panel" aria-labelledby="held-title" onSubmit={(e) => void submit(e)}>
      <h2 id="held-title">{t('returns.held.title')}</h2>
      {tooLong.length > 0 ? (
        <p className="notice warn" role="status">
          {tCount('returns.held.tooLong', tooLong.length, { days: HELD_TOO_LONG_DAYS })}
        </p>
      ) : null}
      {held.length === 0 ? (
        <p className="muted">{t('returns.held.none')}</p>
      ) : (
        <table className="list" aria-labelledby="held-title">
          <thead>
            <tr>
              <th>{t('returns.pack')}</th>
              <th>{t('parts.partNumber')}</th>
              <th>{t('parts.name')}</th>
              <th>{t('ticketParts.serial')}</th>
              <th>{t('returns.ticket')}</th>
              <th>{t('returns.reason')}</th>
              <th>{t('returns.heldSince')}</th>
            </tr>
          </thead>
          <tbody>
            {held.map((p) => (
              <tr key={p.id}>
                <td>
                  <CheckboxField
                    label={t('returns.packThis', {
                      part: p.serial === null ? p.partNumber : `${p.partNumber} ${p.serial}`,
                    })}
                    checked={chosen.has(p.id)}
                    onChange={(v) => {
                      setChosen((c) => {
                        const next = new Set(c);
                        if (v) next.add(p.id);
                        else next.delete(p.id);
                        return next;
                      });
                    }}
                  />
                </td>
                <td className="mono">{p.partNumber}</td>
                <td>
                  {p.partName}
                  {p.mustReturn ? null : (
                    <span className="badge neutral"> {t('returns.notRequired')}</span>
                  )}
                </td>
                <td className="mono">{p.serial ?? '—'}</td>
                <td className="mono">{ticketNumbers.get(p.ticketId) ?? '—'}</td>
                <td>{p.reason}</td>
                <td>
                  {p.heldSince}{' '}
                  {isHeldTooLong(p, today) ? (
                    <span className="badge bad">
                      {t('returns.heldDays', { days: heldDays(p, today) })}
                    </span>
                  ) : (
                    <span className="muted">
                      {t('returns.heldDays', { days: heldDays(p, today) })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {errors.partIds ? (
        <p className="field-error" role="alert">
          {errors.partIds}
        </p>
      ) : null}
      <h3>{t('returns.packTitle')}</h3>
      <div className="grid-3">
        {technicianSelect}
        <TextField
          label={t('returns.carrier')}
          value={carrier}
          onChange={setCarrier}
          error={errors.carrier}
          required
        />
        <TextField
          label={t('returns.tracking')}
          value={trackingNumber}
          onChange={setTrackingNumber}
          error={errors.trackingNumber}
          required
        />
      </div>
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('returns.packButton')}
        </button>
      </div>
    </form>
  );
}

const SHIPMENT_STATUS: Readonly<
  Record<
    ReturnShipmentStatus,
    {
      readonly key:
        | 'returns.shipment.in_transit'
        | 'returns.shipment.partly_received'
        | 'returns.shipment.received';
      readonly badge: 'warn' | 'ok' | 'neutral';
    }
  >
> = {
  in_transit: { key: 'returns.shipment.in_transit', badge: 'neutral' },
  partly_received: { key: 'returns.shipment.partly_received', badge: 'warn' },
  received: { key: 'returns.shipment.received', badge: 'ok' },
};

function Shipments({ shipments }: { shipments: readonly ReturnShipment[] }) {
  return (
    <section className="panel" aria-labelledby="shipments-title">
      <h2 id="shipments-title">{t('returns.shipments.title')}</h2>
      {shipments.length === 0 ? (
        <p className="muted">{t('returns.shipments.none')}</p>
      ) : (
        <table className="list" aria-labelledby="shipments-title">
          <thead>
            <tr>
              <th>{t('returns.packedOn')}</th>
              <th>{t('returns.carrier')}</th>
              <th>{t('returns.tracking')}</th>
              <th className="num">{t('returns.partsCount')}</th>
              <th>{t('returns.status')}</th>
              <th>{t('returns.manifest')}</th>
            </tr>
          </thead>
          <tbody>
            {shipments.map((s) => (
              <ShipmentRow key={s.id} shipment={s} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ShipmentRow({ shipment: s }: { shipment: ReturnShipment }) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<Flash>(null);
  const status = SHIPMENT_STATUS[s.status];

  const run = async (action: 'print' | 'pdf') => {
    setBusy(true);
    setFlash(null);
    const r =
      action === 'print'
        ? await printManifest(services, s.id)
        : await saveManifestPdf(services, s.id);
    setBusy(false);
    if (!r.ok) setFlash({ ok: false, text: r.error.message });
    else if (r.value === null) setFlash({ ok: true, text: t('print.sent') });
    else setFlash({ ok: true, text: t('print.saved', { path: r.value.path }) });
  };

  return (
    <tr data-shipment={s.id}>
      <td>{s.packedOn}</td>
      <td>{s.carrier}</td>
      <td className="mono">{s.trackingNumber}</td>
      <td className="num">{s.partIds.length}</td>
      <td>
        <span className={`badge ${status.badge}`}>{t(status.key)}</span>
      </td>
      <td>
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void run('print')}>
            {t('returns.printManifest')}
          </button>
          <button type="button" disabled={busy} onClick={() => void run('pdf')}>
            {t('returns.saveManifest')}
          </button>
        </div>
        <FlashNotice flash={flash} />
      </td>
    </tr>
  );
}
