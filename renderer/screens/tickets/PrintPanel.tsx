import { useState } from 'react';
import type { TechnicianId, TicketId } from '../../../shared/domain/ids';
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
import { addNote, type CommandDeps } from '../../data/commands';
import { useLiveQuery } from '../../data/live';
import { readPrinting } from '../../data/printing';
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
export function PrintPanel({ ticketId, techId }: { ticketId: TicketId; techId: string }) {
  const services = useServices();
  const prefs = useLiveQuery(() => readPrinting(services.db), [services.db]);
  const printer = prefs.state === 'ready' ? prefs.value.printerName : null;
  const [kind, setKind] = useState<DocumentKind>('intake');
  const [chosenSize, setSize] = useState<PaperSize | null>(null);
  const size: PaperSize =
    chosenSize ?? (prefs.state === 'ready' ? prefs.value.receiptSize : '80mm');
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
        ? await printTicketDocument(services, ticketId, kind, size, printer ?? undefined)
        : await saveTicketPdf(services, ticketId, kind, size);
    setBusy(false);
    if (!r.ok) {
      setMessage({ ok: false, text: r.error.message });
      return;
    }
    setMessage({
      ok: true,
      text: r.value === null ? t('print.sent') : t('print.saved', { path: r.value.path }),
    });
    await recordPrint(services.commands, ticketId, techId, kind, size, action, printer);
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

/** Each print is recorded on the ticket: what, when and by whom (a note event, synced to HQ). */
export async function recordPrint(
  commands: CommandDeps,
  ticketId: TicketId,
  techId: string,
  kind: DocumentKind,
  size: PaperSize,
  action: 'print' | 'pdf',
  printer: string | null,
): Promise<void> {
  const document = t(KIND_LABEL[kind]);
  const paper = size === '80mm' ? '80 mm' : 'A4';
  const text =
    action === 'pdf'
      ? t('print.recordedPdf', { document, size: paper })
      : t('print.recorded', {
          document,
          size: paper,
          where: printer === null ? '' : ` on ${printer}`,
        });
  await addNote(commands, { ticketId, technicianId: techId as TechnicianId, text });
}
