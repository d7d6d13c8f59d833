import { useState, type SyntheticEvent } from 'react';
import { BRAND_NAMES } from '../../../shared/domain/brand';
import type { TechnicianId } from '../../../shared/domain/ids';
import type { CatalogPartRow, PartNumber } from '../../../shared/parts/catalog';
import { showCommandError } from '../../app/commandErrors';
import { useServices } from '../../app/services';
import { TextField, SelectField, type ErrorMap } from '../../components/fields';
import { useAppSettings } from '../../data/hooks';
import { useLiveQuery } from '../../data/live';
import {
  listCatalog,
  lowStock,
  onHandForAll,
  receiveStock,
  recordStockCount,
  type StockLevel,
} from '../../data/parts';
import { t, tCount } from '../../i18n/t';
import {
  FlashNotice,
  formError,
  partOptions,
  readWholeNumber,
  showMoney,
  TechnicianSelect,
  type Flash,
} from './common';
import { PartsReportsPanel } from './ReportsPanel';

interface Stock {
  readonly catalog: readonly CatalogPartRow[];
  readonly onHand: ReadonlyMap<PartNumber, number>;
  readonly low: readonly StockLevel[];
}

/** Stock at the counter: what is on the shelf, what runs low, deliveries, counts, the catalog. */
export function PartsScreen() {
  const { db } = useServices();
  const settings = useAppSettings(db);
  const stock = useLiveQuery(async (): Promise<Stock> => {
    const [catalog, onHand, low] = await Promise.all([
      listCatalog(db),
      onHandForAll(db),
      lowStock(db),
    ]);
    return { catalog, onHand, low };
  }, [db]);
  const [techId, setTechId] = useState<TechnicianId | ''>('');

  if (settings.state === 'loading' || stock.state === 'loading') {
    return <p className="muted">{t('loading')}</p>;
  }
  if (settings.state === 'error' || stock.state === 'error') {
    return <p className="notice bad">{t('parts.loadFailed')}</p>;
  }
  const technicians = settings.value.technicians;
  const chosenTech = techId !== '' ? techId : (technicians.find((x) => x.active)?.id ?? '');
  const s = stock.value;

  return (
    <div className="stack">
      <h1>{t('parts.title')}</h1>
      <LowStockAlert low={s.low} />
      <section className="panel" aria-labelledby="parts-who">
        <h2 id="parts-who" className="visually-hidden">
          {t('parts.technician')}
        </h2>
        <TechnicianSelect technicians={technicians} value={chosenTech} onChange={setTechId} />
      </section>
      <StockList stock={s} />
      <ReceiveStockForm catalog={s.catalog} techId={chosenTech} />
      <StockCountForm stock={s} techId={chosenTech} />
      <CatalogView catalog={s.catalog} />
      <PartsReportsPanel />
    </div>
  );
}

/** The alert names the fewest-in-stock first; the stock list below badges every low part. */
const LOW_LISTED = 10;

function LowStockAlert({ low }: { low: readonly StockLevel[] }) {
  if (low.length === 0) return null;
  return (
    <section className="notice warn" role="region" aria-label={t('parts.low.title')}>
      <h2>{tCount('parts.low.count', low.length)}</h2>
      <ul>
        {low.slice(0, LOW_LISTED).map(({ part, onHand }) => (
          <li key={part.partNumber}>
            <span className="mono">{part.partNumber}</span> {part.name}:{' '}
            {t('parts.low.line', { onHand, threshold: part.lowStockThreshold })}
          </li>
        ))}
      </ul>
      {low.length > LOW_LISTED ? (
        <p>{t('parts.low.more', { count: low.length - LOW_LISTED })}</p>
      ) : null}
    </section>
  );
}

function StockList({ stock }: { stock: Stock }) {
  const low = new Set(stock.low.map((l) => l.part.partNumber));
  return (
    <section className="panel" aria-labelledby="stock-title">
      <h2 id="stock-title">{t('parts.stock.title')}</h2>
      {stock.catalog.length === 0 ? (
        <p className="muted">{t('parts.catalog.empty')}</p>
      ) : (
        <table className="list" aria-labelledby="stock-title">
          <thead>
            <tr>
              <th>{t('parts.partNumber')}</th>
              <th>{t('parts.name')}</th>
              <th>{t('parts.brand')}</th>
              <th className="num">{t('parts.onHand')}</th>
              <th>{t('parts.stock.state')}</th>
            </tr>
          </thead>
          <tbody>
            {stock.catalog.map((p) => (
              <tr key={p.partNumber} data-part={p.partNumber}>
                <td className="mono">{p.partNumber}</td>
                <td>{p.name}</td>
                <td>{BRAND_NAMES[p.brand]}</td>
                <td className="num" data-testid={`on-hand-${p.partNumber}`}>
                  {stock.onHand.get(p.partNumber) ?? 0}
                </td>
                <td>
                  {low.has(p.partNumber) ? (
                    <span className="badge warn">{t('parts.low.badge')}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReceiveStockForm({
  catalog,
  techId,
}: {
  catalog: readonly CatalogPartRow[];
  techId: TechnicianId | '';
}) {
  const { commands, today } = useServices();
  const [deliveryRef, setDeliveryRef] = useState('');
  const [partNumber, setPartNumber] = useState('');
  const [quantity, setQuantity] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await receiveStock(commands, {
      technicianId: techId as TechnicianId,
      today: today(),
      deliveryRef,
      lines: [{ partNumber, quantity: readWholeNumber(quantity) }],
    });
    setBusy(false);
    if (r.ok) {
      const m = r.value.movements[0];
      setErrors({});
      setFlash({
        ok: true,
        text: t('parts.receive.done', {
          quantity: m?.delta ?? 0,
          part: m?.partNumber ?? partNumber,
          ref: deliveryRef.trim(),
        }),
      });
      setDeliveryRef('');
      setPartNumber('');
      setQuantity('');
      return;
    }
    const shown = formError(showCommandError(r.error), [
      'deliveryRef',
      'lines[0].partNumber',
      'lines[0].quantity',
      'technicianId',
    ]);
    setErrors(shown.fields);
    setFlash({ ok: false, text: shown.message });
  };

  return (
    <form className="panel" aria-labelledby="receive-title" onSubmit={(e) => void submit(e)}>
      <h2 id="receive-title">{t('parts.receive.title')}</h2>
      <p className="muted">{t('parts.receive.lead')}</p>
      {errors.technicianId ? <p className="notice bad">{errors.technicianId}</p> : null}
      <div className="grid-3">
        <TextField
          label={t('parts.receive.deliveryRef')}
          value={deliveryRef}
          onChange={setDeliveryRef}
          error={errors.deliveryRef}
          required
        />
        <SelectField
          label={t('parts.part')}
          value={partNumber}
          options={partOptions(catalog)}
          onChange={setPartNumber}
          error={errors['lines[0].partNumber']}
          required
        />
        <TextField
          label={t('parts.quantity')}
          value={quantity}
          onChange={setQuantity}
          inputMode="numeric"
          error={errors['lines[0].quantity']}
          required
        />
      </div>
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('parts.receive.button')}
        </button>
      </div>
    </form>
  );
}

function StockCountForm({ stock, techId }: { stock: Stock; techId: TechnicianId | '' }) {
  const { commands, today } = useServices();
  const [counted, setCounted] = useState<Readonly<Record<string, string>>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);

  // Only the parts with a number typed are counted; the rest keep their ledger.
  const entered = stock.catalog.filter((p) => (counted[p.partNumber] ?? '').trim() !== '');

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await recordStockCount(commands, {
      technicianId: techId as TechnicianId,
      today: today(),
      reason,
      counts: entered.map((p) => ({
        partNumber: p.partNumber,
        counted: readWholeNumber(counted[p.partNumber] ?? ''),
      })),
    });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setCounted({});
      setReason('');
      setFlash({
        ok: true,
        text: tCount('parts.count.done', r.value.count.lines.length, {
          adjusted: r.value.adjustments.length,
        }),
      });
      return;
    }
    // The command names the i-th counted line; the form shows it beside that part's row.
    const shown = showCommandError(r.error);
    const byPart: Record<string, string> = {};
    const onScreen = ['reason', 'technicianId'];
    entered.forEach((p, i) => {
      for (const f of [`counts[${i}].counted`, `counts[${i}].partNumber`]) {
        const msg = shown.fields[f];
        if (msg !== undefined) byPart[p.partNumber] ??= msg;
        onScreen.push(f);
      }
    });
    const rest = formError(shown, onScreen);
    setErrors({ ...rest.fields, ...byPart });
    setFlash({ ok: false, text: rest.message });
  };

  return (
    <form className="panel" aria-labelledby="count-title" onSubmit={(e) => void submit(e)}>
      <h2 id="count-title">{t('parts.count.title')}</h2>
      <p className="muted">{t('parts.count.lead')}</p>
      {errors.technicianId ? <p className="notice bad">{errors.technicianId}</p> : null}
      {errors.counts ? <p className="notice bad">{errors.counts}</p> : null}
      {stock.catalog.length === 0 ? (
        <p className="muted">{t('parts.catalog.empty')}</p>
      ) : (
        <table className="list" aria-labelledby="count-title">
          <thead>
            <tr>
              <th>{t('parts.partNumber')}</th>
              <th>{t('parts.name')}</th>
              <th className="num">{t('parts.count.expected')}</th>
              <th>{t('parts.count.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {stock.catalog.map((p) => (
              <tr key={p.partNumber}>
                <td className="mono">{p.partNumber}</td>
                <td>{p.name}</td>
                <td className="num">{stock.onHand.get(p.partNumber) ?? 0}</td>
                <td>
                  <TextField
                    label={t('parts.count.countedOf', { part: p.partNumber })}
                    className="compact"
                    value={counted[p.partNumber] ?? ''}
                    inputMode="numeric"
                    onChange={(v) => {
                      setCounted((c) => ({ ...c, [p.partNumber]: v }));
                    }}
                    error={errors[p.partNumber]}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TextField
        label={t('parts.count.reason')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        hint={t('parts.count.reason.hint')}
        required
      />
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('parts.count.button')}
        </button>
      </div>
    </form>
  );
}

function CatalogView({ catalog }: { catalog: readonly CatalogPartRow[] }) {
  const yes = t('parts.yes');
  const no = t('parts.no');
  return (
    <section className="panel" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('parts.catalog.title')}</h2>
      {catalog.length === 0 ? (
        <p className="muted">{t('parts.catalog.empty')}</p>
      ) : (
        <table className="list" aria-labelledby="catalog-title">
          <thead>
            <tr>
              <th>{t('parts.partNumber')}</th>
              <th>{t('parts.name')}</th>
              <th>{t('parts.brand')}</th>
              <th>{t('parts.catalog.models')}</th>
              <th className="num">{t('parts.price')}</th>
              <th>{t('parts.catalog.returnable')}</th>
              <th>{t('parts.catalog.serialized')}</th>
            </tr>
          </thead>
          <tbody>
            {catalog.map((p) => (
              <tr key={p.partNumber}>
                <td className="mono">{p.partNumber}</td>
                <td>{p.name}</td>
                <td>{BRAND_NAMES[p.brand]}</td>
                <td>{p.models.join(', ')}</td>
                <td className="num">{showMoney(p.unitPrice)}</td>
                <td>{p.returnToHq ? yes : no}</td>
                <td>{p.serialized ? yes : no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
