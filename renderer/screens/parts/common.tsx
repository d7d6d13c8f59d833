import { formatMoney, type Money } from '../../../shared/domain/money';
import type { TechnicianId } from '../../../shared/domain/ids';
import type { CatalogPartRow } from '../../../shared/parts/catalog';
import type { ShownError } from '../../app/commandErrors';
import type { Technician } from '../../data/db';
import type { ErrorMap } from '../../components/fields';
import { SelectField } from '../../components/fields';
import { t } from '../../i18n/t';

/** Money as the screens show it, in the computer's language. */
export const showMoney = (m: Money): string => formatMoney(m, navigator.language);

/**
 * A whole number as typed; NaN when the text is not one, which the commands explain beside the
 * field ("Enter how many parts…"), so the screens do not judge quantities themselves.
 */
export function readWholeNumber(text: string): number {
  const s = text.trim();
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** The catalog as options of a part chooser: `XJ-C5-LCD — Display assembly…`. */
export function partOptions(
  parts: readonly CatalogPartRow[],
): { readonly value: string; readonly label: string }[] {
  return [
    { value: '', label: t('parts.choosePart') },
    ...parts.map((p) => ({ value: p.partNumber, label: `${p.partNumber} — ${p.name}` })),
  ];
}

/** Who does the work: every command records the technician. */
export function TechnicianSelect({
  technicians,
  value,
  onChange,
  error,
}: {
  technicians: readonly Technician[];
  value: string;
  onChange: (id: TechnicianId | '') => void;
  error?: string | undefined;
}) {
  const active = technicians.filter((x) => x.active);
  return (
    <SelectField<TechnicianId | ''>
      label={t('parts.technician')}
      value={value as TechnicianId | ''}
      options={[
        { value: '', label: t('parts.chooseTechnician') },
        ...active.map((x) => ({ value: x.id, label: x.name })),
      ]}
      onChange={onChange}
      error={error}
    />
  );
}

export type Flash = { readonly ok: boolean; readonly text: string } | null;

export function FlashNotice({ flash }: { flash: Flash }) {
  if (flash === null || flash.text === '') return null;
  return (
    <p className={`notice ${flash.ok ? 'ok' : 'bad'}`} role={flash.ok ? 'status' : 'alert'}>
      {flash.text}
    </p>
  );
}

/**
 * A failed command for a form: errors beside the fields the form shows, and any error about
 * something the form has no field for (the center, the whole list) in the message, so none is
 * lost.
 */
export function formError(
  shown: ShownError,
  onScreen: readonly string[],
): { readonly fields: ErrorMap; readonly message: string } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(shown.fields)) {
    if (onScreen.includes(field)) fields[field] = message;
    else other.push(message);
  }
  return { fields, message: [shown.message, ...other].filter((s) => s !== '').join(' ') };
}
