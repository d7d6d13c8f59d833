import { useState } from 'react';
import { addDays, isPlainDate } from '../../../shared/dates/plainDate';
import { BRAND_NAMES } from '../../../shared/domain/brand';
import type { CurrencyCode } from '../../../shared/domain/money';
import type { UsageReport, UsageRow } from '../../../shared/parts/report';
import { useServices } from '../../app/services';
import { SelectField, TextField, toErrorMap } from '../../components/fields';
import { useLiveQuery } from '../../data/live';
import { partsUsageCsv, partsUsageReport } from '../../data/parts';
import { t } from '../../i18n/t';
import { FlashNotice, showMoney, type Flash } from './common';

type Grouping = 'by_model' | 'by_part';

/** Parts used in a date range, per model and per part, covered vs charged; saved as CSV. */
export function PartsReportsPanel() {
  const { db, today } = useServices();
  const [to, setTo] = useState<string>(() => today());
  const [from, setFrom] = useState<string>(() => addDays(today(), -30));
  const [grouping, setGrouping] = useState<Grouping>('by_model');
  const [flash, setFlash] = useState<Flash>(null);

  const dateErrors: Record<string, string> = {};
  if (!isPlainDate(from)) dateErrors.from = t('parts.report.badDate');
  if (!isPlainDate(to)) dateErrors.to = t('parts.report.badDate');
  const range = isPlainDate(from) && isPlainDate(to) ? { from, to } : null;

  const report = useLiveQuery(
    async () => (range === null ? null : partsUsageReport(db, range)),
    [db, range?.from, range?.to],
  );
  const failed = report.state === 'ready' && report.value !== null && !report.value.ok;
  const errors =
    report.state === 'ready' && report.value !== null && !report.value.ok
      ? { ...toErrorMap(report.value.error), ...dateErrors }
      : dateErrors;

  const download = async () => {
    setFlash(null);
    if (range === null) return;
    const csv = await partsUsageCsv(db, range, grouping);
    if (!csv.ok) {
      setFlash({ ok: false, text: csv.error.map((e) => e.message).join(' ') });
      return;
    }
    const fileName = `parts-usage-${grouping === 'by_model' ? 'per-model' : 'per-part'}-${range.from}-${range.to}.csv`;
    const url = URL.createObjectURL(new Blob([csv.value], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 60_000);
    setFlash({ ok: true, text: t('parts.report.downloaded', { file: fileName }) });
  };

  return (
    <section className="panel" aria-labelledby="usage-title">
      <h2 id="usage-title">{t('parts.report.title')}</h2>
      <p className="muted">{t('parts.report.lead')}</p>
      <div className="grid-3">
        <TextField
          label={t('parts.report.from')}
          type="date"
          value={from}
          onChange={setFrom}
          error={errors.from}
        />
        <TextField
          label={t('parts.report.to')}
          type="date"
          value={to}
          onChange={setTo}
          error={errors.to}
        />
        <SelectField<Grouping>
          label={t('parts.report.grouping')}
          value={grouping}
          options={[
            { value: 'by_model', label: t('parts.report.byModel') },
            { value: 'by_part', label: t('parts.report.byPart') },
          ]}
          onChange={setGrouping}
        />
      </div>
      {errors.center ? <p className="notice bad">{errors.center}</p> : null}
      {report.state === 'ready' && report.value !== null && report.value.ok ? (
        <UsageTables report={report.value.value} />
      ) : null}
      {report.state === 'error' ? <p className="notice bad">{t('parts.loadFailed')}</p> : null}
      <FlashNotice flash={flash} />
      <div className="actions">
        <button type="button" disabled={range === null || failed} onClick={() => void download()}>
          {t('parts.report.download')}
        </button>
      </div>
    </section>
  );
}

function UsageTables({ report }: { report: UsageReport }) {
  const money = (amount: UsageRow['coveredValue'], currency: CurrencyCode) =>
    showMoney({ amount, currency });
  if (report.byPart.length === 0) {
    return <p className="muted">{t('parts.report.none')}</p>;
  }
  return (
    <>
      <p>
        {t('parts.report.totals', {
          quantity: report.totals.quantity,
          covered: money(report.totals.coveredValue, report.currency),
          charged: money(report.totals.chargedValue, report.currency),
        })}
      </p>
      <UsageTable
        title={t('parts.report.byModel')}
        rows={report.byModel}
        currency={report.currency}
        withModel
      />
      <UsageTable
        title={t('parts.report.byPart')}
        rows={report.byPart}
        currency={report.currency}
        withModel={false}
      />
    </>
  );
}

function UsageTable({
  title,
  rows,
  currency,
  withModel,
}: {
  title: string;
  rows: readonly UsageRow[];
  currency: CurrencyCode;
  withModel: boolean;
}) {
  return (
    <table className="list" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t('parts.brand')}</th>
          {withModel ? <th>{t('parts.report.model')}</th> : null}
          <th>{t('parts.partNumber')}</th>
          <th>{t('parts.name')}</th>
          <th className="num">{t('parts.quantity')}</th>
          <th className="num">{t('parts.covered')}</th>
          <th className="num">{t('parts.charged')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.brand}|${r.model ?? ''}|${r.partNumber}`}>
            <td>{BRAND_NAMES[r.brand]}</td>
            {withModel ? <td>{r.model ?? ''}</td> : null}
            <td className="mono">{r.partNumber}</td>
            <td>{r.partName}</td>
            <td className="num">{r.quantity}</td>
            <td className="num">
              {showMoney({ amount: r.coveredValue, currency })} ({r.coveredQuantity})
            </td>
            <td className="num">
              {showMoney({ amount: r.chargedValue, currency })} ({r.chargedQuantity})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
