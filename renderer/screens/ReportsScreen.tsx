import { useEffect, useState } from 'react';
import type { PlainDate } from '../../shared/dates/plainDate';
import { BRAND_NAMES } from '../../shared/domain/brand';
import { useServices } from '../app/services';
import { TextField, toErrorMap, type ErrorMap } from '../components/fields';
import {
  reportFileName,
  troubleshootingReport,
  troubleshootingReportCsv,
  type TroubleshootingReport,
} from '../data/troubleshooting';
import { t } from '../i18n/t';

type ReportState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'invalid'; readonly errors: ErrorMap }
  | { readonly kind: 'ready'; readonly report: TroubleshootingReport };

/** The first day of the month of `d`. */
const monthStart = (d: PlainDate): string => `${d.slice(0, 8)}01`;

/**
 * Reports (route `/reports`): walk-ins resolved at the counter without a repair, and those that
 * continued to one, per brand and per symptom, for the visit dates chosen; as a CSV too.
 */
export function ReportsScreen() {
  const { db, today } = useServices();
  // As typed: the report checks the dates.
  const [range, setRange] = useState<{ from: string; to: string }>(() => {
    const d = today();
    return { from: monthStart(d), to: d };
  });
  const [state, setState] = useState<ReportState>({ kind: 'loading' });
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void troubleshootingReport(db, range).then((r) => {
      if (!current) return;
      setState(
        r.ok
          ? { kind: 'ready', report: r.value }
          : { kind: 'invalid', errors: toErrorMap(r.error) },
      );
    });
    return () => {
      current = false;
    };
  }, [db, range]);

  const download = (report: TroubleshootingReport) => {
    const fileName = reportFileName(report);
    const blob = new Blob([troubleshootingReportCsv(report)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 60_000);
    setSaved(fileName);
  };

  const errors = state.kind === 'invalid' ? state.errors : {};
  const report = state.kind === 'ready' ? state.report : null;
  return (
    <section className="panel stack" aria-labelledby="reports-title">
      <div>
        <h1 id="reports-title">{t('reports.title')}</h1>
        <h2>{t('reports.troubleshooting')}</h2>
        <p className="muted">{t('reports.lead')}</p>
      </div>
      <div className="grid-3">
        <TextField
          label={t('reports.from')}
          name="from"
          type="date"
          value={range.from}
          onChange={(from) => {
            setSaved(null);
            setRange((r) => ({ ...r, from }));
          }}
          error={errors['from']}
        />
        <TextField
          label={t('reports.to')}
          name="to"
          type="date"
          value={range.to}
          onChange={(to) => {
            setSaved(null);
            setRange((r) => ({ ...r, to }));
          }}
          error={errors['to']}
        />
      </div>
      {state.kind === 'loading' ? <p className="muted">{t('loading')}</p> : null}
      {report !== null ? <ReportTables report={report} /> : null}
      {saved !== null ? (
        <p className="notice ok" role="status">
          {t('reports.downloaded', { file: saved })}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={report === null}
          onClick={() => {
            if (report !== null) download(report);
          }}
        >
          {t('reports.download')}
        </button>
      </div>
    </section>
  );
}

function ReportTables({ report }: { report: TroubleshootingReport }) {
  if (report.total.walkIns === 0) return <p className="muted">{t('reports.noWalkIns')}</p>;
  return (
    <>
      <table className="list compact">
        <caption>{t('reports.byBrand')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.brand')}</th>
            <th scope="col">{t('reports.walkIns')}</th>
            <th scope="col">{t('reports.resolved')}</th>
            <th scope="col">{t('reports.continued')}</th>
          </tr>
        </thead>
        <tbody>
          {report.byBrand.map((b) => (
            <tr key={b.brand}>
              <th scope="row">{BRAND_NAMES[b.brand]}</th>
              <td>{b.walkIns}</td>
              <td>{b.resolved}</td>
              <td>{b.continued}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.allBrands')}</th>
            <td>{report.total.walkIns}</td>
            <td>{report.total.resolved}</td>
            <td>{report.total.continued}</td>
          </tr>
        </tfoot>
      </table>
      {report.bySymptom.length === 0 ? (
        <p className="muted">{t('reports.noneTried')}</p>
      ) : (
        <table className="list compact">
          <caption>{t('reports.bySymptom')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.brand')}</th>
              <th scope="col">{t('reports.symptom')}</th>
              <th scope="col">{t('reports.resolved')}</th>
              <th scope="col">{t('reports.continued')}</th>
            </tr>
          </thead>
          <tbody>
            {report.bySymptom.map((s) => (
              <tr key={`${s.brand}:${s.symptomId}`}>
                <td>{BRAND_NAMES[s.brand]}</td>
                <th scope="row">{s.symptomName}</th>
                <td>{s.resolved}</td>
                <td>{s.continued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
