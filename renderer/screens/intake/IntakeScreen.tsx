import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { BRAND_NAMES, BRANDS, isBrandId, type BrandId } from '../../../shared/domain/brand';
import { validateIntake } from '../../../shared/domain/intake';
import { compileSerialRules, normalizeSerial } from '../../../shared/domain/serial';
import { evaluate } from '../../../shared/warranty';
import {
  COMPONENTS,
  FINDING_CODES,
  PURCHASE_CHANNELS,
  STICKER_STATES,
} from '../../../shared/warranty/vocabulary';
import { parseTicketId } from '../../../shared/domain/ids';
import { createTicket } from '../../data/commands';
import { readPrinting } from '../../data/printing';
import { printTicketDocument } from '../../print';
import { recordPrint } from '../tickets/PrintPanel';
import type { AppSettings, CenterProfile } from '../../data/db';
import { useAppSettings } from '../../data/hooks';
import { deviceHistory, findCustomers, type DeviceHistory } from '../../data/queries';
import type { CustomerRecord } from '../../data/db';
import { showCommandError } from '../../app/commandErrors';
import { Link } from '../../app/routing';
import { useServices } from '../../app/services';
import { DecisionPanel } from '../../components/DecisionPanel';
import {
  CheckboxField,
  SelectField,
  TextArea,
  TextField,
  toErrorMap,
  type ErrorMap,
} from '../../components/fields';
import { PhotoPicker } from '../../components/PhotoPicker';
import { SignaturePad } from '../../components/SignaturePad';
import { vocabulary } from '../../i18n/vocabulary';
import { t } from '../../i18n/t';
import { useIntakeDraftStore } from '../../stores/intakeDraft';
import type { SerialLookup } from '../../sync';
import { DeviceHistoryPanel } from './DeviceHistoryPanel';
import { RegistryLine } from './RegistryLine';
import {
  ResolvedSummary,
  toTroubleshootingInput,
  TroubleshootingPanel,
  type TroubleshootingDraft,
} from './TroubleshootingPanel';
import {
  COMMON_ACCESSORIES,
  draftDecision,
  draftToForm,
  emptyDraft,
  unverifiedFacts,
  type IntakeDraft,
} from './draft';

export function IntakeScreen() {
  const { db } = useServices();
  const settings = useAppSettings(db);
  if (settings.state !== 'ready') return <p className="muted">{t('loading')}</p>;
  const { center, technicians } = settings.value;
  if (center === null || technicians.length === 0) {
    return (
      <section className="panel">
        <h1>{t('intake.title')}</h1>
        <p className="lead">
          {center === null ? t('intake.needsCenter') : t('intake.needsTechnician')}
        </p>
        <Link className="button primary" to="/settings">
          {t('home.openSettings')}
        </Link>
      </section>
    );
  }
  return <IntakeForm settings={settings.value} center={center} />;
}

interface Created {
  readonly ticketId: string;
  readonly number: string;
  /** The steps that resolved it at the counter, for the customer's summary; null: a repair. */
  readonly resolved: TroubleshootingDraft | null;
}

/** Field names in the order the form shows them: Enter moves to the next one. */
const FIELD_ORDER = [
  'serial',
  'brand',
  'model',
  'component',
  'customer.name',
  'customer.phone',
  'invoiceNumber',
  'invoiceDate',
  'proofOfPurchase',
  'activationDate',
  'purchaseChannel',
  'purchaseCountry',
  'warrantyCard',
  'warrantySticker',
  'complaint',
  'technicianId',
] as const;

function IntakeForm({ settings, center }: { settings: AppSettings; center: CenterProfile }) {
  const services = useServices();
  const { db, commands, policies, sync } = services;
  // Today is read once, when the counter opens the form (DESIGN.md: taken at the edge).
  const [today] = useState(() => services.today());
  const store = useIntakeDraftStore();
  const activeTechs = settings.technicians.filter((x) => x.active);
  const defaultTech =
    activeTechs.find((x) => x.id === store.lastTechnicianId)?.id ?? activeTechs[0]?.id ?? '';
  const fresh = () =>
    emptyDraft({
      brand: settings.defaultBrand,
      country: center.country,
      technicianId: defaultTech,
    });
  const draft = store.draft ?? fresh();
  const set = (patch: Partial<IntakeDraft>) => {
    store.setDraft({ ...draft, ...patch });
  };

  const [errors, setErrors] = useState<ErrorMap>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<DeviceHistory | null>(null);
  const [registry, setRegistry] = useState<SerialLookup | { status: 'checking' } | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  // The brand's support steps tried at the counter (issue 8); null until a symptom is chosen.
  const [tried, setTried] = useState<TroubleshootingDraft | null>(null);
  const [printMessage, setPrintMessage] = useState<{ ok: boolean; text: string } | null>(null);

  /** The customer's copy, on the receipt roll, right after the ticket is saved. */
  const printReceipt = async (ticketId: string) => {
    const id = parseTicketId(ticketId);
    if (id === null) return;
    const prefs = await readPrinting(db);
    const size = prefs.receiptSize;
    const r = await printTicketDocument(
      services,
      id,
      'intake',
      size,
      prefs.printerName ?? undefined,
    );
    setPrintMessage(
      r.ok ? { ok: true, text: t('print.sent') } : { ok: false, text: r.error.message },
    );
    if (r.ok) {
      await recordPrint(
        commands,
        id,
        store.lastTechnicianId,
        'intake',
        size,
        'print',
        prefs.printerName,
      );
    }
  };
  const form = useRef<HTMLFormElement>(null);
  const serialInput = useRef<HTMLInputElement>(null);
  const createdHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created === null) serialInput.current?.focus();
    else createdHeading.current?.focus();
  }, [created]);

  const focusField = (name: string) => {
    const el = form.current?.elements.namedItem(name);
    if (el instanceof HTMLElement) el.focus();
  };

  const policyFor = (brand: BrandId) => policies.get(settings.policyPerBrand[brand]);
  // The activation date is confirmed only when HQ's registry gave the same one; otherwise (offline,
  // not enrolled, unknown serial, or a date read from the watch) the decision is provisional.
  // An answer counts only for the serial it was given for (the serial may be edited after).
  const answer =
    registry?.status === 'found' && registry.answer.serial === normalizeSerial(draft.serial)
      ? registry.answer
      : null;
  const confirmed =
    answer !== null &&
    answer.activationDate !== null &&
    answer.activationDate === draft.activationDate;
  const unverified = unverifiedFacts(draft, confirmed);
  const freeReplacementsGiven = answer?.freeReplacementsGiven;
  const live = useMemo(
    () =>
      draftDecision(draft, {
        today,
        serviceCountry: center.country,
        policyFor,
        unverified,
        freeReplacementsGiven,
      }),
    // policyFor and unverified derive from draft, settings and the registry's answer
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draft, today, center.country, settings.policyPerBrand, confirmed, freeReplacementsGiven],
  );

  /** A scanner types the serial and presses Enter: look the watch up, fill what is known. */
  const lookUpSerial = async () => {
    setRegistry({ status: 'checking' });
    // This counter's history and HQ's registry at once; the registry answers within a few
    // seconds or the counter goes on provisionally.
    const [h, reg] = await Promise.all([
      deviceHistory(db, draft.serial, today),
      sync.lookupSerial(normalizeSerial(draft.serial)),
    ]);
    setHistory(h);
    setRegistry(reg);
    const known = h.devices[0];
    const hq = reg.status === 'found' ? reg.answer : null;
    if (known === undefined && hq === null) {
      focusField('brand');
      return;
    }
    // HQ is the authority where it and the counter disagree (DESIGN.md): its dates win.
    set({
      brand: known?.brand ?? hq?.brand ?? draft.brand,
      model: draft.model || known?.model || hq?.model || '',
      invoiceNumber: draft.invoiceNumber || (known?.invoiceNumber ?? ''),
      invoiceDate: draft.invoiceDate || (known?.invoiceDate ?? ''),
      activationDate: hq?.activationDate ?? (draft.activationDate || (known?.activationDate ?? '')),
      purchaseChannel: draft.purchaseChannel || known?.purchaseChannel || hq?.sold?.channel || '',
      purchaseCountry: known?.purchaseCountry ?? hq?.sold?.country ?? draft.purchaseCountry,
    });
    focusField('customer.name');
  };

  const useCustomer = (c: CustomerRecord) => {
    set({ customer: { kind: 'existing', id: c.id, name: c.name, phone: c.phone } });
    focusField('invoiceNumber');
  };

  /** `resolved`: closed at the counter as no fault found; `continue`: the repair ticket. */
  const submit = async (e?: SyntheticEvent, outcome: 'resolved' | 'continue' = 'continue') => {
    e?.preventDefault();
    if (busy) return;
    setMessage('');
    const rules = compileSerialRules(settings.serialPatterns);
    const formInput = draftToForm(draft);
    const checked = rules.ok
      ? validateIntake(formInput, today, {
          serialRules: rules.value,
          serviceCountry: center.country,
        })
      : null;
    if (checked === null || !checked.ok) {
      setErrors(toErrorMap(checked?.error ?? []));
      setMessage(t('form.fixErrors'));
      requestAnimationFrame(() => {
        form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      });
      return;
    }
    const valid = checked.value;
    const policy = policyFor(valid.device.brand);
    if (policy === undefined) {
      setErrors({ brand: t('intake.noPolicy') });
      return;
    }
    const facts = {
      ...valid.facts,
      ...(unverified.length > 0 ? { unverified } : {}),
      ...(freeReplacementsGiven === undefined ? {} : { freeReplacementsGiven }),
    };
    setBusy(true);
    const r = await createTicket(commands, {
      form: formInput,
      visitDate: today,
      decision: evaluate(policy, facts, today),
      photos: draft.photos,
      signature: draft.signature,
      unverified,
      ...(freeReplacementsGiven === undefined ? {} : { freeReplacementsGiven }),
      troubleshooting: toTroubleshootingInput(tried, outcome),
      status: outcome === 'resolved' ? 'no_fault_found' : 'received',
    });
    setBusy(false);
    if (!r.ok) {
      const shown = showCommandError(r.error);
      setErrors(shown.fields);
      setMessage(shown.message);
      return;
    }
    store.rememberTechnician(draft.technicianId);
    store.clear();
    setErrors({});
    setHistory(null);
    setRegistry(null);
    setTried(null);
    setCreated({
      ticketId: r.value.ticketId,
      number: r.value.number,
      resolved: outcome === 'resolved' ? tried : null,
    });
  };

  /** Enter moves on to the next field, as at a counter; Ctrl+Enter creates the ticket. */
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter') return;
    const target = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      void submit();
      return;
    }
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (target.type === 'file') return;
    e.preventDefault();
    const i = FIELD_ORDER.indexOf(target.name as (typeof FIELD_ORDER)[number]);
    const next = FIELD_ORDER[i + 1];
    if (i >= 0 && next !== undefined) focusField(next);
  };

  if (created !== null) {
    return (
      <>
        <section className="panel created" aria-labelledby="created-title">
          <h1 id="created-title" ref={createdHeading} tabIndex={-1}>
            {t('intake.created', { number: created.number })}
          </h1>
          <p className="lead">{t('intake.createdLead')}</p>
          {printMessage ? (
            <p
              className={`notice ${printMessage.ok ? 'ok' : 'bad'}`}
              role={printMessage.ok ? 'status' : 'alert'}
            >
              {printMessage.text}
            </p>
          ) : null}
          <div className="actions">
            <Link className="button primary" to={`/tickets/${created.ticketId}`}>
              {t('intake.openTicket')}
            </Link>
            <button type="button" onClick={() => void printReceipt(created.ticketId)}>
              {t('intake.printReceipt')}
            </button>
            <button
              type="button"
              onClick={() => {
                setCreated(null);
                setPrintMessage(null);
              }}
            >
              {t('intake.next')}
            </button>
          </div>
        </section>
        {created.resolved !== null ? (
          <ResolvedSummary
            draft={created.resolved}
            center={center}
            ticketNumber={created.number}
            date={today}
          />
        ) : null}
      </>
    );
  }

  const f = errors;
  const brandName = isBrandId(draft.brand) ? BRAND_NAMES[draft.brand] : undefined;
  return (
    <div className="intake">
      <form
        ref={form}
        className="intake-form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={onKeyDown}
        noValidate
        aria-labelledby="intake-title"
      >
        <h1 id="intake-title">{t('intake.title')}</h1>
        <p className="muted">{t('intake.lead', { today })}</p>

        <fieldset className="panel">
          <legend>{t('intake.watch')}</legend>
          <TextField
            label="Serial number"
            name="serial"
            inputRef={serialInput}
            value={draft.serial}
            onChange={(v) => {
              set({ serial: v });
            }}
            onEnter={() => void lookUpSerial()}
            error={f.serial}
            hint={t('intake.serial.hint')}
            required
          />
          {registry !== null ? <RegistryLine lookup={registry} /> : null}
          {history !== null ? <DeviceHistoryPanel history={history} /> : null}
          <div className="grid-3">
            <SelectField
              label="Brand"
              name="brand"
              value={draft.brand}
              options={BRANDS.map((b) => ({ value: b, label: BRAND_NAMES[b] }))}
              onChange={(v) => {
                set({ brand: v });
              }}
              error={f.brand}
              required
            />
            <TextField
              label="Model"
              name="model"
              value={draft.model}
              onChange={(v) => {
                set({ model: v });
              }}
              error={f.model}
            />
            <SelectField
              label={t('intake.component')}
              name="component"
              value={draft.component}
              options={COMPONENTS.map((c) => ({ value: c, label: vocabulary.component[c] }))}
              onChange={(v) => {
                set({ component: v });
              }}
              error={f.component}
            />
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>{t('intake.customer')}</legend>
          {draft.customer.kind === 'existing' ? (
            <div className="chosen-customer">
              <span>
                {t('intake.existingCustomer')} <strong>{draft.customer.name}</strong>{' '}
                <span className="mono">{draft.customer.phone}</span>
              </span>
              <button
                type="button"
                onClick={() => {
                  set({ customer: { kind: 'new' } });
                }}
              >
                {t('intake.changeCustomer')}
              </button>
            </div>
          ) : (
            <CustomerFields draft={draft} set={set} errors={f} onUse={useCustomer} />
          )}
          {f['customer.id'] ? (
            <div className="field-error" role="alert">
              {f['customer.id']}
            </div>
          ) : null}
        </fieldset>

        <fieldset className="panel">
          <legend>{t('intake.purchase')}</legend>
          <div className="grid-3">
            <TextField
              label="Invoice number"
              name="invoiceNumber"
              value={draft.invoiceNumber}
              onChange={(v) => {
                set({ invoiceNumber: v });
              }}
              error={f.invoiceNumber}
            />
            <TextField
              label="Invoice date"
              name="invoiceDate"
              type="date"
              max={today}
              value={draft.invoiceDate}
              onChange={(v) => {
                set({ invoiceDate: v });
              }}
              error={f.invoiceDate}
            />
            <TextField
              label="Activation date"
              name="activationDate"
              type="date"
              max={today}
              value={draft.activationDate}
              onChange={(v) => {
                set({ activationDate: v });
              }}
              error={f.activationDate}
              hint={t('intake.activation.hint')}
            />
          </div>
          <CheckboxField
            label={t('intake.proofOfPurchase')}
            name="proofOfPurchase"
            checked={draft.proofOfPurchase}
            onChange={(v) => {
              set({ proofOfPurchase: v });
            }}
          />
          <div className="grid-3">
            <SelectField
              label={t('intake.channel')}
              name="purchaseChannel"
              value={draft.purchaseChannel}
              options={[
                { value: '', label: t('intake.choose') },
                ...PURCHASE_CHANNELS.map((c) => ({ value: c, label: vocabulary.channel[c] })),
              ]}
              onChange={(v) => {
                set({ purchaseChannel: v });
              }}
              error={f.purchaseChannel}
              required
            />
            <TextField
              label={t('intake.country')}
              name="purchaseCountry"
              value={draft.purchaseCountry}
              onChange={(v) => {
                set({ purchaseCountry: v.toUpperCase() });
              }}
              error={f.purchaseCountry}
              hint={t('intake.country.hint')}
              required
            />
            <SelectField
              label={t('intake.sticker')}
              name="warrantySticker"
              value={draft.warrantySticker}
              options={[
                { value: '', label: t('intake.notChecked') },
                ...STICKER_STATES.map((s) => ({ value: s, label: vocabulary.sticker[s] })),
              ]}
              onChange={(v) => {
                set({ warrantySticker: v });
              }}
              error={f.warrantySticker}
              required
            />
          </div>
          <CheckboxField
            label={t('intake.warrantyCard')}
            name="warrantyCard"
            checked={draft.warrantyCard}
            onChange={(v) => {
              set({ warrantyCard: v });
            }}
          />
        </fieldset>

        <fieldset className="panel">
          <legend>{t('intake.checklist')}</legend>
          <p className="muted">{t('intake.checklist.lead')}</p>
          <div className="checklist">
            {FINDING_CODES.map((code) => (
              <CheckboxField
                key={code}
                label={vocabulary.finding[code]}
                checked={draft.findings.includes(code)}
                onChange={(on) => {
                  set({
                    findings: on
                      ? [...draft.findings, code]
                      : draft.findings.filter((x) => x !== code),
                  });
                }}
              />
            ))}
          </div>
          {f.findings ? (
            <div className="field-error" role="alert">
              {f.findings}
            </div>
          ) : null}
        </fieldset>

        <fieldset className="panel">
          <legend>{t('intake.handedOver')}</legend>
          <div className="checklist">
            {COMMON_ACCESSORIES.map((a) => (
              <CheckboxField
                key={a}
                label={a}
                checked={draft.accessories.includes(a)}
                onChange={(on) => {
                  set({
                    accessories: on
                      ? [...draft.accessories, a]
                      : draft.accessories.filter((x) => x !== a),
                  });
                }}
              />
            ))}
          </div>
          <TextField
            label={t('intake.otherAccessories')}
            value={draft.otherAccessories}
            onChange={(v) => {
              set({ otherAccessories: v });
            }}
            error={f.accessories}
            hint={t('intake.otherAccessories.hint')}
          />
          <TextArea
            label="Complaint"
            name="complaint"
            value={draft.complaint}
            onChange={(v) => {
              set({ complaint: v });
            }}
            error={f.complaint}
            hint={t('intake.complaint.hint')}
            required
          />
          <TroubleshootingPanel
            brand={isBrandId(draft.brand) ? draft.brand : ''}
            complaint={draft.complaint}
            value={tried}
            onChange={setTried}
            errors={f}
          />
        </fieldset>

        <fieldset className="panel">
          <legend>{t('intake.photosAndSignature')}</legend>
          <PhotoPicker
            photos={draft.photos}
            onChange={(photos) => {
              set({ photos });
            }}
            error={Object.entries(f).find(([k]) => k.startsWith('photos'))?.[1]}
          />
          <SignaturePad
            label={t('intake.signature')}
            value={draft.signature}
            onChange={(signature) => {
              set({ signature });
            }}
          />
          {f.signature ? (
            <div className="field-error" role="alert">
              {f.signature}
            </div>
          ) : null}
        </fieldset>

        <div className="panel submit-row">
          <SelectField
            label={t('intake.technician')}
            name="technicianId"
            value={draft.technicianId}
            options={activeTechs.map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v) => {
              set({ technicianId: v });
            }}
            error={f.technicianId}
            required
          />
          {message ? (
            <div className="notice bad" role="alert">
              {message}
              {f.decision ? ` ${f.decision}` : ''}
              {f.center ? ` ${f.center}` : ''}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('form.saving') : 'Create ticket'}
            </button>
            {tried !== null ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void submit(undefined, 'resolved')}
              >
                {t('troubleshooting.resolve')}
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => {
                setTried(null);
                store.clear();
                setErrors({});
                setMessage('');
                setHistory(null);
                setRegistry(null);
                serialInput.current?.focus();
              }}
            >
              {t('intake.startOver')}
            </button>
          </div>
          <p className="kbd-hint">{t('intake.keys')}</p>
        </div>
      </form>
      <aside className="intake-aside">
        <DecisionPanel
          decision={live?.decision ?? null}
          facts={live?.facts ?? null}
          brandName={brandName}
        />
        {live !== null && live.pending.length > 0 ? (
          <p className="notice warn pending">
            {t('intake.pending')} {live.pending.map((p) => t(`intake.pending.${p}`)).join(' · ')}
          </p>
        ) : null}
      </aside>
    </div>
  );
}

/** New customer: name and phone; typing either offers matching customers already on file. */
function CustomerFields({
  draft,
  set,
  errors,
  onUse,
}: {
  draft: IntakeDraft;
  set: (patch: Partial<IntakeDraft>) => void;
  errors: ErrorMap;
  onUse: (c: CustomerRecord) => void;
}) {
  const { db } = useServices();
  const [found, setFound] = useState<{ query: string; rows: CustomerRecord[] }>({
    query: '',
    rows: [],
  });
  const query = draft.phone.replace(/\D/g, '').length >= 4 ? draft.phone : draft.customerName;
  const searchable = query.trim().length >= 2;
  useEffect(() => {
    if (!searchable) return;
    let stale = false;
    void findCustomers(db, query, 5).then((rows) => {
      if (!stale) setFound({ query, rows });
    });
    return () => {
      stale = true;
    };
  }, [db, query, searchable]);
  // Only the answer to what is typed now is offered.
  const matches = searchable && found.query === query ? found.rows : [];

  return (
    <>
      <div className="grid-2">
        <TextField
          label="Customer name"
          name="customer.name"
          value={draft.customerName}
          onChange={(v) => {
            set({ customerName: v });
          }}
          error={errors['customer.name']}
          autoComplete="off"
          required
        />
        <TextField
          label="Phone"
          name="customer.phone"
          type="tel"
          inputMode="tel"
          value={draft.phone}
          onChange={(v) => {
            set({ phone: v });
          }}
          error={errors['customer.phone']}
          required
        />
      </div>
      {matches.length > 0 ? (
        <div className="matches" aria-label={t('intake.matches')} role="group">
          <span className="muted">{t('intake.matches')}</span>
          <ul>
            {matches.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => {
                    onUse(c);
                  }}
                >
                  {t('intake.useCustomer', { name: c.name, phone: c.phone })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
