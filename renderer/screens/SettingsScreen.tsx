import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Printer } from '../../shared/ipc/contract';
import type { PrintingPrefs } from '../data/db';
import { readPrinting, savePrinting } from '../data/printing';
import { BRAND_NAMES, BRANDS, type BrandId } from '../../shared/domain/brand';
import { DEFAULT_SERIAL_PATTERNS, type SerialPatternSetting } from '../../shared/domain/serial';
import { addTechnician, updateSettings, type CenterForm } from '../data/commands';
import type { AppSettings } from '../data/db';
import { useAppSettings } from '../data/hooks';
import { useLiveQuery } from '../data/live';
import { readSyncMeta } from '../data/syncStore';
import { useServices } from '../app/services';
import { showCommandError, type ShownError } from '../app/commandErrors';
import { SelectField, TextArea, TextField } from '../components/fields';
import { t } from '../i18n/t';

const NO_ERROR: ShownError = { fields: {}, message: '' };

function Status({ error, saved }: { error: ShownError; saved: boolean }) {
  if (error.message)
    return (
      <div className="notice bad" role="alert">
        {error.message}
      </div>
    );
  if (saved)
    return (
      <div className="notice ok" role="status">
        {t('form.saved')}
      </div>
    );
  return null;
}

function CenterSection({ settings }: { settings: AppSettings }) {
  const { commands } = useServices();
  const c = settings.center;
  const [form, setForm] = useState<CenterForm>({
    name: c?.name ?? '',
    code: c?.code ?? '',
    address: c?.address ?? '',
    phone: c?.phone ?? '',
    country: c?.country ?? '',
    currency: c?.currency ?? '',
  });
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof CenterForm) => (v: string) => {
    setForm({ ...form, [k]: v });
    setSaved(false);
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await updateSettings(commands, { center: form });
    setBusy(false);
    if (r.ok) {
      setError(NO_ERROR);
      setSaved(true);
    } else {
      setError(showCommandError(r.error));
      setSaved(false);
    }
  };

  const f = error.fields;
  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="center-title"
      noValidate
    >
      <h2 id="center-title">{t('settings.center')}</h2>
      <p className="muted">{t('settings.center.lead')}</p>
      <div className="grid-2">
        <TextField
          label={t('settings.center.name')}
          value={form.name}
          onChange={set('name')}
          error={f['center.name']}
          required
        />
        <TextField
          label={t('settings.center.code')}
          value={form.code}
          onChange={set('code')}
          error={f['center.code']}
          hint={t('settings.center.code.hint')}
          required
        />
      </div>
      <TextArea
        label={t('settings.center.address')}
        value={form.address}
        onChange={set('address')}
        error={f['center.address']}
        rows={2}
      />
      <div className="grid-3">
        <TextField
          label={t('settings.center.phone')}
          type="tel"
          value={form.phone}
          onChange={set('phone')}
          error={f['center.phone']}
        />
        <TextField
          label={t('settings.center.country')}
          value={form.country}
          onChange={set('country')}
          error={f['center.country']}
          hint={t('settings.center.country.hint')}
          required
        />
        <TextField
          label={t('settings.center.currency')}
          value={form.currency}
          onChange={set('currency')}
          error={f['center.currency']}
          hint={t('settings.center.currency.hint')}
          required
        />
      </div>
      <Status error={error} saved={saved} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('form.saving') : t('settings.center.save')}
      </button>
    </form>
  );
}

function TechniciansSection({ settings }: { settings: AppSettings }) {
  const { commands } = useServices();
  const [name, setName] = useState('');
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await addTechnician(commands, { name });
    setBusy(false);
    if (r.ok) {
      setName('');
      setError(NO_ERROR);
    } else setError(showCommandError(r.error));
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="tech-title"
      noValidate
    >
      <h2 id="tech-title">{t('settings.technicians')}</h2>
      {settings.technicians.length === 0 ? (
        <p className="muted">{t('settings.technicians.none')}</p>
      ) : (
        <ul className="technicians">
          {settings.technicians.map((tech) => (
            <li key={tech.id}>{tech.name}</li>
          ))}
        </ul>
      )}
      <TextField
        label={t('settings.technicians.name')}
        value={name}
        onChange={setName}
        error={error.fields.name}
      />
      {error.message && !error.fields.name ? (
        <div className="notice bad" role="alert">
          {error.message}
        </div>
      ) : null}
      <button type="submit" disabled={busy}>
        {t('settings.technicians.add')}
      </button>
    </form>
  );
}

function PoliciesSection({ settings }: { settings: AppSettings }) {
  const { commands, policies } = useServices();
  const [perBrand, setPerBrand] = useState<Record<BrandId, string>>({ ...settings.policyPerBrand });
  const [defaultBrand, setDefaultBrand] = useState<BrandId>(settings.defaultBrand);
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const [saved, setSaved] = useState(false);
  const options = [...policies.values()].map((p) => ({
    value: p.id,
    label: t('settings.policies.version', { title: p.title, version: p.version }),
  }));

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const r = await updateSettings(commands, { policyPerBrand: perBrand, defaultBrand });
    if (r.ok) {
      setError(NO_ERROR);
      setSaved(true);
    } else {
      setError(showCommandError(r.error));
      setSaved(false);
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="policies-title"
      noValidate
    >
      <h2 id="policies-title">{t('settings.policies')}</h2>
      <p className="muted">{t('settings.policies.lead')}</p>
      <div className="grid-2">
        {BRANDS.map((brand) => (
          <SelectField
            key={brand}
            label={t('settings.policies.forBrand', { brand: BRAND_NAMES[brand] })}
            value={perBrand[brand]}
            options={options}
            error={error.fields[`policyPerBrand.${brand}`]}
            onChange={(v) => {
              setPerBrand({ ...perBrand, [brand]: v });
              setSaved(false);
            }}
          />
        ))}
        <SelectField
          label={t('settings.policies.defaultBrand')}
          value={defaultBrand}
          options={BRANDS.map((b) => ({ value: b, label: BRAND_NAMES[b] }))}
          error={error.fields.defaultBrand}
          onChange={(v) => {
            setDefaultBrand(v);
            setSaved(false);
          }}
        />
      </div>
      <Status error={error} saved={saved} />
      <button type="submit">{t('settings.policies.save')}</button>
    </form>
  );
}

function SerialFormatsSection({ settings }: { settings: AppSettings }) {
  const { commands } = useServices();
  const initial = (brand: BrandId): SerialPatternSetting =>
    settings.serialPatterns[brand] ?? DEFAULT_SERIAL_PATTERNS[brand];
  const [formats, setFormats] = useState<Record<BrandId, SerialPatternSetting>>({
    xinji: initial('xinji'),
    kospet: initial('kospet'),
    coros: initial('coros'),
    bluetens: initial('bluetens'),
  });
  const [error, setError] = useState<ShownError>(NO_ERROR);
  const [saved, setSaved] = useState(false);
  const edit = (brand: BrandId, patch: Partial<SerialPatternSetting>) => {
    setFormats({ ...formats, [brand]: { ...formats[brand], ...patch } });
    setSaved(false);
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    // A brand left at the default keeps following the default.
    const patch: Partial<Record<BrandId, SerialPatternSetting | null>> = {};
    for (const brand of BRANDS) {
      const f = formats[brand];
      const d = DEFAULT_SERIAL_PATTERNS[brand];
      patch[brand] = f.pattern === d.pattern && f.description === d.description ? null : f;
    }
    const r = await updateSettings(commands, { serialPatterns: patch });
    if (r.ok) {
      setError(NO_ERROR);
      setSaved(true);
    } else {
      setError(showCommandError(r.error));
      setSaved(false);
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="serials-title"
      noValidate
    >
      <h2 id="serials-title">{t('settings.serials')}</h2>
      <p className="muted">{t('settings.serials.lead')}</p>
      {BRANDS.map((brand) => (
        <div className="grid-2" key={brand}>
          <TextField
            label={t('settings.serials.pattern', { brand: BRAND_NAMES[brand] })}
            value={formats[brand].pattern}
            onChange={(v) => {
              edit(brand, { pattern: v });
            }}
            error={error.fields[`serialPatterns.${brand}`]}
          />
          <TextField
            label={t('settings.serials.description', { brand: BRAND_NAMES[brand] })}
            value={formats[brand].description}
            onChange={(v) => {
              edit(brand, { description: v });
            }}
          />
        </div>
      ))}
      <Status error={error} saved={saved} />
      <button type="submit">{t('settings.serials.save')}</button>
    </form>
  );
}

function PrintingSection() {
  const { db, host } = useServices();
  const prefs = useLiveQuery(() => readPrinting(db), [db]);
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void host.listPrinters().then((r) => {
      if (r.ok) setPrinters(r.value);
    });
  }, [host]);
  if (prefs.state !== 'ready') return null;
  const current = prefs.value;
  const save = (patch: Partial<PrintingPrefs>) => {
    setSaved(false);
    void savePrinting(db, { ...current, ...patch }).then(() => {
      setSaved(true);
    });
  };
  const known = printers.some((p) => p.name === current.printerName);
  return (
    <section className="panel" aria-labelledby="printing-title">
      <h2 id="printing-title">{t('settings.printing')}</h2>
      <p className="muted">{t('settings.printing.lead')}</p>
      <div className="grid-2">
        <SelectField
          label={t('settings.printing.printer')}
          value={current.printerName ?? ''}
          options={[
            { value: '', label: t('settings.printing.dialog') },
            ...printers.map((p) => ({
              value: p.name,
              label: p.isDefault ? t('settings.printing.default', { name: p.name }) : p.name,
            })),
            ...(current.printerName !== null && !known
              ? [
                  {
                    value: current.printerName,
                    label: t('settings.printing.missing', { name: current.printerName }),
                  },
                ]
              : []),
          ]}
          hint={printers.length === 0 ? t('settings.printing.noList') : undefined}
          onChange={(v) => {
            save({ printerName: v === '' ? null : v });
          }}
        />
        <SelectField
          label={t('settings.printing.size')}
          value={current.receiptSize}
          options={[
            { value: '80mm', label: t('print.roll') },
            { value: 'A4', label: 'A4' },
          ]}
          onChange={(v) => {
            save({ receiptSize: v });
          }}
        />
      </div>
      {saved ? (
        <p className="notice ok" role="status">
          {t('form.saved')}
        </p>
      ) : null}
    </section>
  );
}

function HqSection() {
  const { db, sync, host } = useServices();
  const meta = useLiveQuery(() => readSyncMeta(db), [db]);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('Counter 1');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [again, setAgain] = useState(false);
  if (meta.state !== 'ready') return null;
  const enrolled = meta.value.hqUrl !== null && meta.value.centerCode !== null;

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    const r = await sync.enroll(url.trim(), code.trim(), name.trim());
    // The desktop shell lets the page fetch only the enrolled HQ (its CSP); tell it which.
    const allowed = r.ok ? await host.setHqOrigin({ url: url.trim() }) : null;
    setBusy(false);
    if (allowed !== null && !allowed.ok) setError(allowed.error.message);
    if (r.ok) {
      setAgain(false);
      setCode('');
      void sync.syncNow();
    } else setError(r.error);
  };

  return (
    <form
      className="panel"
      id="hq"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="hq-title"
      noValidate
    >
      <h2 id="hq-title">{t('hq.title')}</h2>
      <p className="muted">{t('hq.lead')}</p>
      {enrolled && !again ? (
        <>
          <p className="notice ok" role="status">
            {t('hq.enrolled', { url: meta.value.hqUrl, center: meta.value.centerCode })}
          </p>
          <button
            type="button"
            onClick={() => {
              setUrl(meta.value.hqUrl ?? '');
              setAgain(true);
            }}
          >
            {t('hq.reenroll')}
          </button>
        </>
      ) : (
        <>
          <div className="grid-3">
            <TextField
              label={t('hq.url')}
              value={url}
              onChange={setUrl}
              hint={t('hq.url.hint')}
              required
            />
            <TextField label={t('hq.code')} value={code} onChange={setCode} required />
            <TextField label={t('hq.deviceName')} value={name} onChange={setName} />
          </div>
          {error ? (
            <div className="notice bad" role="alert">
              {error}
            </div>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('hq.enrolling') : t('hq.enroll')}
          </button>
        </>
      )}
    </form>
  );
}

export function SettingsScreen() {
  const { db } = useServices();
  const settings = useAppSettings(db);
  if (settings.state !== 'ready') return <p className="muted">{t('loading')}</p>;
  return (
    <div className="stack">
      <h1>{t('settings.title')}</h1>
      <CenterSection settings={settings.value} />
      <TechniciansSection settings={settings.value} />
      <PoliciesSection settings={settings.value} />
      <SerialFormatsSection settings={settings.value} />
      <PrintingSection />
      <HqSection />
    </div>
  );
}
