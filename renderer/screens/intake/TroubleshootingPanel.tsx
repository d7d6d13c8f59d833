import { useEffect, useId, useMemo, useState } from 'react';
import { BRAND_NAMES, isBrandId, type BrandId } from '../../../shared/domain/brand';
import type { KnowledgeBase, Quote, Symptom } from '../../../shared/troubleshooting/load';
import { searchSymptoms } from '../../../shared/troubleshooting/search';
import type { TroubleshootingOutcome } from '../../../shared/sync/records';
import { useServices } from '../../app/services';
import { CheckboxField, SelectField, TextArea, type ErrorMap } from '../../components/fields';
import type { CenterProfile } from '../../data/db';
import {
  knowledgeBaseFor,
  searchIndexFor,
  type TroubleshootingInput,
} from '../../data/troubleshooting';
import { t } from '../../i18n/t';
import { printDocument } from '../../print';
import { html, styleElement } from '../../print/html';

/*
 * The brand's support steps at intake (issue 8): typing the complaint suggests symptoms from the
 * brand's bundled knowledge base; choosing one shows its steps as a checklist of what was tried
 * and what happened. The intake then either closes the ticket as resolved at the counter or
 * opens the repair with the steps on it (see `toTroubleshootingInput`).
 */

/** A step as the technician ticks it; `result` empty until chosen. */
export interface TroubleshootingStepDraft {
  readonly tried: boolean;
  readonly result: '' | 'helped' | 'no_change';
}

/** The panel's state, held by the intake draft: null until a symptom is chosen. */
export interface TroubleshootingDraft {
  readonly brand: BrandId;
  /** The knowledge base version the steps were shown from. */
  readonly kbVersion: number;
  readonly symptomId: string;
  /** One per step of the symptom, by index. */
  readonly steps: readonly TroubleshootingStepDraft[];
  readonly advice: string;
}

const MAX_SUGGESTIONS = 5;

function startDraft(kb: KnowledgeBase, brand: BrandId, symptom: Symptom): TroubleshootingDraft {
  return {
    brand,
    kbVersion: kb.version,
    symptomId: symptom.id,
    steps: symptom.steps.map(() => ({ tried: false, result: '' })),
    advice: '',
  };
}

/**
 * What createTicket takes for a draft. "Resolved at the counter" sends it with the outcome
 * `resolved` (and status `no_fault_found`); "Create ticket" with `continue`, and sends nothing
 * when no step was ticked, so choosing a symptom never blocks an ordinary ticket. Every step is
 * sent in order, so a command error on `troubleshooting.steps[i]` is about step i.
 */
export function toTroubleshootingInput(
  draft: TroubleshootingDraft | null,
  outcome: TroubleshootingOutcome,
): TroubleshootingInput | null {
  if (draft === null) return null;
  if (outcome === 'continue' && !draft.steps.some((s) => s.tried || s.result !== '')) return null;
  return {
    kb: { brand: draft.brand, version: draft.kbVersion },
    symptomId: draft.symptomId,
    steps: draft.steps.map((s, index) => ({
      index,
      tried: s.tried,
      result: s.result === '' ? 'not_tried' : s.result,
    })),
    outcome,
    ...(draft.advice.trim() === '' ? {} : { advice: draft.advice }),
  };
}

const brandWords = (id: string | null): string =>
  id !== null && isBrandId(id) ? BRAND_NAMES[id] : (id ?? '');

/** The symptom a draft names, when it still fits the brand and the bundled knowledge base. */
function chosenSymptom(
  kb: KnowledgeBase | null,
  draft: TroubleshootingDraft | null,
): Symptom | null {
  if (kb === null || draft === null) return null;
  if (draft.brand !== kb.id || draft.kbVersion !== kb.version) return null;
  const symptom = kb.symptomById.get(draft.symptomId);
  return symptom !== undefined && symptom.steps.length === draft.steps.length ? symptom : null;
}

export interface TroubleshootingPanelProps {
  /** The brand chosen on the intake form ('' before one is). */
  readonly brand: BrandId | '';
  readonly complaint: string;
  readonly value: TroubleshootingDraft | null;
  readonly onChange: (draft: TroubleshootingDraft | null) => void;
  /** createTicket's field errors (`troubleshooting…`, `status`), shown beside their step. */
  readonly errors?: ErrorMap;
}

export function TroubleshootingPanel({
  brand,
  complaint,
  value,
  onChange,
  errors = {},
}: TroubleshootingPanelProps) {
  const titleId = useId();
  const b = isBrandId(brand) ? brand : null;
  const kb = b === null ? null : knowledgeBaseFor(b);
  const chosen = chosenSymptom(kb, value);
  const stale = value !== null && chosen === null;
  // A symptom chosen before the brand changed belongs to another brand's answers: drop it.
  useEffect(() => {
    if (stale) onChange(null);
  }, [stale, onChange]);

  const suggestions = useMemo(() => {
    const index = b === null ? null : searchIndexFor(b);
    return index === null ? [] : searchSymptoms(index, complaint, { limit: MAX_SUGGESTIONS });
  }, [b, complaint]);

  const general = errors['troubleshooting'] ?? errors['status'];
  return (
    <section className="troubleshooting stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('troubleshooting.title')}</h2>
      {b === null || kb === null ? (
        <p className="muted">
          {b === null
            ? t('troubleshooting.chooseBrand')
            : t('troubleshooting.noKnowledgeBase', { brand: BRAND_NAMES[b] })}
        </p>
      ) : chosen === null || value === null ? (
        <Suggestions
          brandName={BRAND_NAMES[b]}
          complaint={complaint}
          names={suggestions.map((m) => ({
            id: m.symptom.id,
            name: m.symptom.name,
            matchedOn: m.matchedOn,
          }))}
          onChoose={(id) => {
            const symptom = kb.symptomById.get(id);
            if (symptom !== undefined) onChange(startDraft(kb, b, symptom));
          }}
        />
      ) : (
        <Checklist
          kb={kb}
          brandName={BRAND_NAMES[b]}
          symptom={chosen}
          draft={value}
          onChange={onChange}
          errors={errors}
        />
      )}
      {general ? (
        <div className="field-error" role="alert">
          {general}
        </div>
      ) : null}
    </section>
  );
}

function Suggestions({
  brandName,
  complaint,
  names,
  onChoose,
}: {
  brandName: string;
  complaint: string;
  names: readonly { id: string; name: string; matchedOn: string }[];
  onChoose: (id: string) => void;
}) {
  if (complaint.trim() === '') {
    return <p className="muted">{t('troubleshooting.typeComplaint', { brand: brandName })}</p>;
  }
  if (names.length === 0) {
    return <p className="muted">{t('troubleshooting.noMatch', { brand: brandName })}</p>;
  }
  return (
    <div className="matches" role="group" aria-label={t('troubleshooting.suggestions')}>
      <span className="muted">{t('troubleshooting.suggestions')}</span>
      <ul>
        {names.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              onClick={() => {
                onChoose(s.id);
              }}
            >
              {s.name}
            </button>{' '}
            <span className="muted">{t('troubleshooting.matchedOn', { text: s.matchedOn })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A quote as the brand wrote it, marked when it is another brand's answer used here. */
function QuoteText({ quote }: { quote: Quote }) {
  return (
    <>
      <blockquote className="quote">{quote.text}</blockquote>
      {quote.origin === 'common' ? (
        <span className="badge neutral">
          {t('troubleshooting.common', { brand: brandWords(quote.basedOn) })}
        </span>
      ) : null}
      {quote.note !== null ? (
        <p className="clause">
          {t('troubleshooting.note')} {quote.note}
        </p>
      ) : null}
    </>
  );
}

function Checklist({
  kb,
  brandName,
  symptom,
  draft,
  onChange,
  errors,
}: {
  kb: KnowledgeBase;
  brandName: string;
  symptom: Symptom;
  draft: TroubleshootingDraft;
  onChange: (d: TroubleshootingDraft | null) => void;
  errors: ErrorMap;
}) {
  const setStep = (i: number, patch: Partial<TroubleshootingStepDraft>) => {
    onChange({
      ...draft,
      steps: draft.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)),
    });
  };
  return (
    <div className="stack">
      <div>
        <h3>{symptom.name}</h3>
        <p className="muted">{t('troubleshooting.steps', { brand: brandName })}</p>
      </div>
      {/* Each step's legend numbers it: no list numbers beside them. */}
      <ol className="checklist steps" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {symptom.steps.map((quote, i) => {
          const step = draft.steps[i] ?? { tried: false, result: '' };
          const error = errors[`troubleshooting.steps[${i}]`];
          return (
            <li key={quote.text}>
              <fieldset className="subform">
                <legend>{t('troubleshooting.step', { n: i + 1 })}</legend>
                <QuoteText quote={quote} />
                <div className="grid-2">
                  <CheckboxField
                    label={t('troubleshooting.tried')}
                    checked={step.tried}
                    onChange={(tried) => {
                      setStep(i, tried ? { tried } : { tried, result: '' });
                    }}
                  />
                  <SelectField<TroubleshootingStepDraft['result']>
                    label={t('troubleshooting.result')}
                    value={step.result}
                    options={[
                      { value: '', label: t('troubleshooting.result.none') },
                      { value: 'helped', label: t('troubleshooting.result.helped') },
                      { value: 'no_change', label: t('troubleshooting.result.no_change') },
                    ]}
                    onChange={(result) => {
                      // Saying what happened says it was tried.
                      setStep(i, result === '' ? { result } : { result, tried: true });
                    }}
                    error={error}
                  />
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {symptom.notes.length > 0 ? (
        <div>
          <h3>{t('troubleshooting.notes')}</h3>
          {symptom.notes.map((q) => (
            <QuoteText key={q.text} quote={q} />
          ))}
        </div>
      ) : null}
      {kb.beforeRepair.length > 0 ? (
        <div>
          <p className="muted">{t('troubleshooting.beforeRepair', { brand: brandName })}</p>
          {kb.beforeRepair.map((q) => (
            <QuoteText key={q.text} quote={q} />
          ))}
        </div>
      ) : null}
      <TextArea
        label={t('troubleshooting.advice')}
        value={draft.advice}
        onChange={(advice) => {
          onChange({ ...draft, advice });
        }}
        hint={t('troubleshooting.advice.hint')}
        error={errors['troubleshooting.advice']}
        rows={2}
      />
      <p className="muted">{t('troubleshooting.outcomes')}</p>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            onChange(null);
          }}
        >
          {t('troubleshooting.back')}
        </button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The customer's summary of a walk-in resolved at the counter

export interface CustomerSummary {
  readonly symptom: string;
  /** The steps that helped, in the brand's words. */
  readonly helped: readonly string[];
  readonly advice: string | null;
}

/** What the customer is told, from the draft the ticket was created with. */
export function customerSummary(draft: TroubleshootingDraft): CustomerSummary | null {
  const kb = knowledgeBaseFor(draft.brand);
  const symptom = chosenSymptom(kb, draft);
  if (symptom === null) return null;
  return {
    symptom: symptom.name,
    helped: symptom.steps.flatMap((q, i) => (draft.steps[i]?.result === 'helped' ? [q.text] : [])),
    advice: draft.advice.trim() === '' ? null : draft.advice,
  };
}

const SUMMARY_CSS = `
*{box-sizing:border-box}
body{margin:0;padding:4mm;width:80mm;font:9.5pt/1.35 'Noto Sans',system-ui,sans-serif;color:#111}
h1{font-size:11pt;margin:0 0 1mm}
h2{font-size:9pt;text-transform:uppercase;letter-spacing:.05em;margin:3mm 0 1mm}
p,ul{margin:0}
ul{padding-left:4mm}
.muted{color:#555}
.advice{white-space:pre-wrap}
`;

/** The summary on the 80 mm roll, as a self-contained document; every value is escaped. */
export function summaryDocument(
  summary: CustomerSummary,
  ctx: { readonly center: CenterProfile; readonly ticketNumber: string; readonly date: string },
): string {
  const doc = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${t('summary.title')} ${ctx.ticketNumber}</title>
        ${styleElement(SUMMARY_CSS)}
      </head>
      <body>
        <h1>${ctx.center.name}</h1>
        <p class="muted">
          ${ctx.center.address}${ctx.center.phone ? ` · ${ctx.center.phone}` : ''}
        </p>
        <h2>${t('summary.title')}</h2>
        <p><strong>${t('summary.complaint')}:</strong> ${summary.symptom}</p>
        ${
          summary.helped.length > 0
            ? html`<h2>${t('summary.helped')}</h2>
                <ul>
                  ${summary.helped.map((s) => html`<li>${s}</li>`)}
                </ul>`
            : ''
        }
        ${
          summary.advice !== null
            ? html`<h2>${t('summary.advice')}</h2>
                <p class="advice">${summary.advice}</p>`
            : ''
        }
        <p style="margin-top:3mm">
          ${t('summary.noRepair', { number: ctx.ticketNumber, date: ctx.date })}
        </p>
      </body>
    </html>`;
  return doc.html;
}

export interface ResolvedSummaryProps {
  readonly draft: TroubleshootingDraft;
  readonly center: CenterProfile;
  readonly ticketNumber: string;
  /** The visit date, as printed. */
  readonly date: string;
}

/** The short summary for the customer, on screen, with a button that prints it on the roll. */
export function ResolvedSummary({ draft, center, ticketNumber, date }: ResolvedSummaryProps) {
  const { host } = useServices();
  const titleId = useId();
  const [printed, setPrinted] = useState<{ ok: boolean; text: string } | null>(null);
  const summary = customerSummary(draft);
  if (summary === null) return null;
  const print = async () => {
    const r = await printDocument(
      host,
      summaryDocument(summary, { center, ticketNumber, date }),
      '80mm',
    );
    setPrinted(r.ok ? { ok: true, text: t('print.sent') } : { ok: false, text: r.error.message });
  };
  return (
    <section className="panel summary" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('summary.title')}</h2>
      <dl className="facts">
        <dt>{t('summary.complaint')}</dt>
        <dd>{summary.symptom}</dd>
        {summary.helped.length > 0 ? (
          <>
            <dt>{t('summary.helped')}</dt>
            <dd>
              <ul>
                {summary.helped.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {summary.advice !== null ? (
          <>
            <dt>{t('summary.advice')}</dt>
            <dd className="pre">{summary.advice}</dd>
          </>
        ) : null}
      </dl>
      <p>{t('summary.noRepair', { number: ticketNumber, date })}</p>
      {printed ? (
        <p className={`notice ${printed.ok ? 'ok' : 'bad'}`} role={printed.ok ? 'status' : 'alert'}>
          {printed.text}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void print()}>
          {t('summary.print')}
        </button>
      </div>
    </section>
  );
}
