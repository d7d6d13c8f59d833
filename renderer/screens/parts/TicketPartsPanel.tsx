import { useState, type SyntheticEvent } from 'react';
import type { TechnicianId, TicketId } from '../../../shared/domain/ids';
import { multiplyCents } from '../../../shared/domain/money';
import type { CatalogPartRow, PartNumber } from '../../../shared/parts/catalog';
import type { PartLinesSummary } from '../../../shared/parts/lines';
import type { DefectivePart, PartLine, PartLineId } from '../../../shared/parts/records';
import type { Result } from '../../../shared/lib/result';
import { showCommandError } from '../../app/commandErrors';
import { useServices } from '../../app/services';
import { SelectField, TextField, type ErrorMap } from '../../components/fields';
import { useLiveQuery } from '../../data/live';
import {
  addPartLine,
  listCatalog,
  onHandForAll,
  recordDefectivePart,
  removePartLine,
  ticketDefectiveParts,
  ticketPartLines,
  ticketPartsSummary,
} from '../../data/parts';
import { t } from '../../i18n/t';
import { FlashNotice, formError, readWholeNumber, showMoney, type Flash } from './common';

interface TicketParts {
  /** The parts for this watch: its brand, and its model where the catalog lists it. */
  readonly catalog: readonly CatalogPartRow[];
  readonly onHand: ReadonlyMap<PartNumber, number>;
  readonly lines: readonly PartLine[];
  readonly summary: Result<PartLinesSummary, string>;
  readonly defective: readonly DefectivePart[];
}

async function loadTicketParts(
  db: ReturnType<typeof useServices>['db'],
  ticketId: TicketId,
): Promise<TicketParts | null> {
  const ticket = await db.tickets.get(ticketId);
  if (ticket === undefined) return null;
  const device = await db.devices.get(ticket.deviceId);
  const model = device?.model.trim() ?? '';
  const forModel = model === '' ? [] : await listCatalog(db, { brand: ticket.brand, model });
  const [brandParts, onHand, lines, summary, defective] = await Promise.all([
    forModel.length > 0 ? Promise.resolve(forModel) : listCatalog(db, { brand: ticket.brand }),
    onHandForAll(db),
    ticketPartLines(db, ticketId),
    ticketPartsSummary(db, ticketId),
    ticketDefectiveParts(db, ticketId),
  ]);
  return { catalog: brandParts, onHand, lines, summary, defective };
}

/**
 * The parts on one ticket: the lines fitted (covered or charged as the ticket's decision said),
 * their totals, fitting and removing a line, and recording the defective part taken out.
 * `techId` is the technician chosen on the ticket screen; the commands check it.
 */
export function TicketPartsPanel({ ticketId, techId }: { ticketId: TicketId; techId: string }) {
  const { db } = useServices();
  const data = useLiveQuery(() => loadTicketParts(db, ticketId), [db, ticketId]);
  const tech = techId as TechnicianId;

  if (data.state === 'loading') return <p className="muted">{t('loading')}</p>;
  if (data.state === 'error' || data.value === null) {
    return <p className="notice bad">{t('parts.loadFailed')}</p>;
  }
  const d = data.value;
  return (
    <section className="panel" aria-labelledby="ticket-parts-title">
      <h2 id="ticket-parts-title">{t('ticketParts.title')}</h2>
      <PartLines lines={d.lines} summary={d.summary} techId={tech} />
      <FitPartForm ticketId={ticketId} techId={tech} catalog={d.catalog} onHand={d.onHand} />
      <RemovedPartForm ticketId={ticketId} techId={tech} catalog={d.catalog} />
      <DefectiveList parts={d.defective} />
    </section>
  );
}

function PartLines({
  lines,
  summary,
  techId,
}: {
  lines: readonly PartLine[];
  summary: Result<PartLinesSummary, string>;
  techId: TechnicianId;
}) {
  const [removing, setRemoving] = useState<PartLineId | null>(null);
  if (lines.length === 0) return <p className="muted">{t('ticketParts.none')}</p>;
  return (
    <>
      <table className="list" aria-label={t('ticketParts.lines')}>
        <thead>
          <tr>
            <th>{t('parts.partNumber')}</th>
            <th>{t('parts.name')}</th>
            <th>{t('ticketParts.serial')}</th>
            <th className="num">{t('parts.quantity')}</th>
            <th className="num">{t('parts.price')}</th>
            <th className="num">{t('ticketParts.lineTotal')}</th>
            <th>{t('ticketParts.paidBy')}</th>
            <th>
              <span className="visually-hidden">{t('ticketParts.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className={l.status === 'removed' ? 'muted' : undefined}>
              <td className="mono">{l.partNumber}</td>
              <td>{l.partName}</td>
              <td className="mono">{l.serial ?? '—'}</td>
              <td className="num">{l.quantity}</td>
              <td className="num">{showMoney(l.unitPrice)}</td>
              <td className="num">
                {showMoney({
                  amount: multiplyCents(l.unitPrice.amount, l.quantity),
                  currency: l.unitPrice.currency,
                })}
              </td>
              <td>
                {l.status === 'removed' ? (
                  <span className="badge neutral">
                    {t('ticketParts.removed', {
                      on: l.removal?.on ?? '',
                      reason: l.removal?.reason ?? '',
                    })}
                  </span>
                ) : l.coverage === 'covered' ? (
                  <span className="badge ok">{t('parts.covered')}</span>
                ) : (
                  <span className="badge warn">{t('parts.charged')}</span>
                )}
              </td>
              <td>
                {l.status === 'fitted' && removing !== l.id ? (
                  <button
                    type="button"
                    onClick={() => {
                      setRemoving(l.id);
                    }}
                  >
                    {t('ticketParts.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing !== null ? (
        <RemoveLineForm
          lineId={removing}
          techId={techId}
          onDone={() => {
            setRemoving(null);
          }}
        />
      ) : null}
      {summary.ok ? (
        <dl className="decision-facts" aria-label={t('ticketParts.totals')}>
          <dt>{t('ticketParts.totalCovered')}</dt>
          <dd data-testid="parts-covered">{showMoney(summary.value.covered)}</dd>
          <dt>{t('ticketParts.totalCharged')}</dt>
          <dd data-testid="parts-charged">{showMoney(summary.value.charged)}</dd>
          <dt>{t('ticketParts.total')}</dt>
          <dd>{showMoney(summary.value.total)}</dd>
        </dl>
      ) : (
        <p className="notice bad">{summary.error}</p>
      )}
    </>
  );
}

function RemoveLineForm({
  lineId,
  techId,
  onDone,
}: {
  lineId: PartLineId;
  techId: TechnicianId;
  onDone: () => void;
}) {
  const { commands, today } = useServices();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [flash, setFlash] = useState<Flash>(null);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const r = await removePartLine(commands, {
      lineId,
      technicianId: techId,
      today: today(),
      reason,
    });
    if (r.ok) {
      onDone();
      return;
    }
    const shown = formError(showCommandError(r.error), ['reason']);
    setErrors(shown.fields);
    setFlash({ ok: false, text: shown.message });
  };

  return (
    <form aria-label={t('ticketParts.removeTitle')} onSubmit={(e) => void submit(e)}>
      <TextField
        label={t('ticketParts.removeReason')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="submit">{t('ticketParts.removeButton')}</button>
        <button type="button" onClick={onDone}>
          {t('ticketParts.cancel')}
        </button>
      </div>
    </form>
  );
}

function FitPartForm({
  ticketId,
  techId,
  catalog,
  onHand,
}: {
  ticketId: TicketId;
  techId: TechnicianId;
  catalog: readonly CatalogPartRow[];
  onHand: ReadonlyMap<PartNumber, number>;
}) {
  const { commands, today } = useServices();
  const [partNumber, setPartNumber] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [serial, setSerial] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  const part = catalog.find((p) => p.partNumber === partNumber);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await addPartLine(commands, {
      ticketId,
      technicianId: techId,
      today: today(),
      partNumber,
      quantity: readWholeNumber(quantity),
      serial,
    });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setFlash({
        ok: true,
        text: t('ticketParts.fitted', { part: r.value.line.partName }),
      });
      setPartNumber('');
      setQuantity('1');
      setSerial('');
      return;
    }
    const shown = formError(showCommandError(r.error), ['partNumber', 'quantity', 'serial']);
    setErrors(shown.fields);
    setFlash({ ok: false, text: shown.message });
  };

  return (
    <form aria-labelledby="fit-title" onSubmit={(e) => void submit(e)}>
      <h3 id="fit-title">{t('ticketParts.fitTitle')}</h3>
      <div className="grid-3">
        <SelectField
          label={t('parts.part')}
          value={partNumber}
          options={[
            { value: '', label: t('parts.choosePart') },
            ...catalog.map((p) => ({
              value: p.partNumber,
              label: t('ticketParts.option', {
                number: p.partNumber,
                name: p.name,
                onHand: onHand.get(p.partNumber) ?? 0,
              }),
            })),
          ]}
          onChange={(v) => {
            setPartNumber(v);
            setErrors({});
          }}
          error={errors.partNumber}
          required
        />
        <TextField
          label={t('parts.quantity')}
          value={quantity}
          onChange={setQuantity}
          inputMode="numeric"
          error={errors.quantity}
          required
        />
        {part?.serialized === true || errors.serial !== undefined ? (
          <TextField
            label={t('ticketParts.newSerial')}
            value={serial}
            onChange={setSerial}
            error={errors.serial}
            required={part?.serialized === true}
          />
        ) : null}
      </div>
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('ticketParts.fitButton')}
        </button>
      </div>
    </form>
  );
}

function RemovedPartForm({
  ticketId,
  techId,
  catalog,
}: {
  ticketId: TicketId;
  techId: TechnicianId;
  catalog: readonly CatalogPartRow[];
}) {
  const { commands, today } = useServices();
  const [partNumber, setPartNumber] = useState('');
  const [serial, setSerial] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await recordDefectivePart(commands, {
      ticketId,
      technicianId: techId,
      today: today(),
      partNumber,
      serial,
      reason,
    });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setFlash({
        ok: true,
        text: r.value.part.mustReturn
          ? t('ticketParts.removedPart.held', { part: r.value.part.partName })
          : t('ticketParts.removedPart.recorded', { part: r.value.part.partName }),
      });
      setPartNumber('');
      setSerial('');
      setReason('');
      return;
    }
    const shown = formError(showCommandError(r.error), ['partNumber', 'serial', 'reason']);
    setErrors(shown.fields);
    setFlash({ ok: false, text: shown.message });
  };

  return (
    <form aria-labelledby="removed-part-title" onSubmit={(e) => void submit(e)}>
      <h3 id="removed-part-title">{t('ticketParts.removedPart.title')}</h3>
      <p className="muted">{t('ticketParts.removedPart.lead')}</p>
      <div className="grid-3">
        <SelectField
          label={t('ticketParts.removedPart.part')}
          value={partNumber}
          options={[
            { value: '', label: t('parts.choosePart') },
            ...catalog.map((p) => ({
              value: p.partNumber,
              label: `${p.partNumber} — ${p.name}`,
            })),
          ]}
          onChange={setPartNumber}
          error={errors.partNumber}
          required
        />
        <TextField
          label={t('ticketParts.removedPart.serial')}
          value={serial}
          onChange={setSerial}
          error={errors.serial}
        />
        <TextField
          label={t('ticketParts.removedPart.reason')}
          value={reason}
          onChange={setReason}
          error={errors.reason}
          required
        />
      </div>
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('ticketParts.removedPart.button')}
        </button>
      </div>
    </form>
  );
}

const DEFECTIVE_STATUS: Readonly<
  Record<
    DefectivePart['status'],
    'returns.status.held' | 'returns.status.shipped' | 'returns.status.received_by_hq'
  >
> = {
  held: 'returns.status.held',
  shipped: 'returns.status.shipped',
  received_by_hq: 'returns.status.received_by_hq',
};

function DefectiveList({ parts }: { parts: readonly DefectivePart[] }) {
  if (parts.length === 0) return null;
  return (
    <table className="list" aria-label={t('ticketParts.removedPart.list')}>
      <thead>
        <tr>
          <th>{t('parts.partNumber')}</th>
          <th>{t('parts.name')}</th>
          <th>{t('ticketParts.serial')}</th>
          <th>{t('returns.reason')}</th>
          <th>{t('returns.status')}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((p) => (
          <tr key={p.id}>
            <td className="mono">{p.partNumber}</td>
            <td>{p.partName}</td>
            <td className="mono">{p.serial ?? '—'}</td>
            <td>{p.reason}</td>
            <td>{t(DEFECTIVE_STATUS[p.status])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
