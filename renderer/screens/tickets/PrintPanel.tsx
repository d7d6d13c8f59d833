import { useState } from 'react';
import type { TicketId } from '../../../shared/domain/ids';
import {
  DOCUMENT_KINDS,
  PAPER_SIZES,
  PrintPreview,
  buildTicketDocument,
  printTicketDocument,
  saveTicketPdf,
  type DocumentKind,
  type PaperSize,
} from '../../print';
import { useServices } from '../../app/services';
import { SelectField } from '../../components/fields';
import { t } from '../../i18n/t';

const KIND_LABEL: Readonly<
  Record<DocumentKind, 'print.intake' | 'print.jobSheet' | 'print.completion'>
> = {
  intake: 'print.intake',
  jobSheet: 'print.jobSheet',
  completion: 'print.completion',
};

/** Print, save as PDF or preview any of the ticket's documents, on the roll or on A4. */
export function PrintPanel({ ticketId }: { ticketId: TicketId }) {
  const services = useServices();
  const [kind, setKind] = useState<DocumentKind>('intake');
  const [size, setSize] = useState<PaperSize>('80mm');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const run = async (action: 'print' | 'pdf' | 'preview') => {
    setBusy(true);
    setMessage(null);
    if (action === 'preview') {
      const built = await buildTicketDocument(services, ticketId, kind, size);
      setBusy(false);
      if (built.ok) setPreview(built.value.html);
      else setMessage({ ok: false, text: built.error });
      return;
    }
    const r =
      action === 'print'
        ? await printTicketDocument(services, ticketId, kind, size)
        : await saveTicketPdf(services, ticketId, kind, size);
    setBusy(false);
    if (!r.ok) setMessage({ ok: false, text: r.error.message });
    else if (r.value === null) setMessage({ ok: true, text: t('print.sent') });
    else setMessage({ ok: true, text: t('print.saved', { path: r.value.path }) });
  };

  return (
    <section className="panel" aria-labelledby="print-title">
      <h2 id="print-title">{t('print.title')}</h2>
      <div className="grid-2">
        <SelectField
          label={t('print.document')}
          value={kind}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
          onChange={(v) => {
            setKind(v);
            setPreview(null);
          }}
        />
        <SelectField
          label={t('print.paper')}
          value={size}
          options={PAPER_SIZES.map((p) => ({
            value: p,
            label: p === '80mm' ? t('print.roll') : 'A4',
          }))}
          onChange={(v) => {
            setSize(v);
            setPreview(null);
          }}
        />
      </div>
      {message ? (
        <p className={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void run('print')}>
          {t('print.print')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('pdf')}>
          {t('print.pdf')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('preview')}>
          {t('print.preview')}
        </button>
      </div>
      {preview !== null ? (
        <div className="print-preview">
          <PrintPreview html={preview} size={size} title={t(KIND_LABEL[kind])} />
        </div>
      ) : null}
    </section>
  );
}
