/**
 * The three documents, as escaped markup (html.ts). Each is a column of sections that the
 * stylesheet lays out for an 80 mm roll or for A4; the facts and their words are the same on
 * both papers, so a customer's receipt and the sheet in the workshop never disagree.
 */
import type { PlainDate } from '../../shared/dates/plainDate';
import { lastDayOfPeriod } from '../../shared/dates/plainDate';
import {
  addCents,
  multiplyCents,
  subtractCents,
  ZERO_CENTS,
  type Cents,
  type Money,
} from '../../shared/domain/money';
import { missingCaseError } from '../../shared/lib/assert';
import type { DecisionReason } from '../../shared/warranty/types';
import { code128Svg } from './code128';
import {
  formatAmount,
  formatPlainDate,
  formatTimestamp,
  plainDateAt,
  shortQuote,
  type Formatting,
} from './format';
import { EMPTY, html, imageDataUrl, join, type SafeHtml } from './html';
import type { DocumentInput, DocumentKind, HistoryLine, PaperSize, PartLine } from './input';
import { LOGO_DATA_URL } from './logo';
import { qrSvg } from './qr';
import {
  CHANNEL_WORDS,
  COMPONENT_WORDS,
  EVIDENCE_WORDS,
  FINDING_WORDS,
  REMEDY_WORDS,
  START_WORDS,
  STICKER_WORDS,
  W,
  periodWords,
  reasonWords,
  statusWords,
} from './words';

interface Ctx {
  readonly input: DocumentInput;
  readonly kind: DocumentKind;
  readonly size: PaperSize;
  readonly fmt: Formatting;
  readonly date: (d: PlainDate) => string;
  readonly money: (amount: Cents) => string;
}

function context(kind: DocumentKind, input: DocumentInput, size: PaperSize): Ctx {
  const fmt: Formatting = { locale: input.locale, timeZone: input.timeZone };
  const currency = input.center.currency;
  return {
    input,
    kind,
    size,
    fmt,
    date: (d) => formatPlainDate(d, fmt),
    money: (amount) => formatAmount({ amount, currency }, fmt),
  };
}

const dash = '—';
const orDash = (s: string): string => (s.trim() === '' ? dash : s);

// ---------------------------------------------------------------------------------------------
// Header and ticket

function centerBlock({ input }: Ctx): SafeHtml {
  const c = input.center;
  return html`<header class="center">
    <img class="logo" src="${LOGO_DATA_URL}" alt="" />
    <div>
      <div class="center-name">${c.name}</div>
      <div class="center-lines">
        ${c.address.trim() === '' ? EMPTY : html`<div>${c.address}</div>`}
        ${c.phone === null ? EMPTY : html`<div>${W.phone} <span class="mono">${c.phone}</span></div>`}
      </div>
    </div>
  </header>`;
}

function ticketBlock(ctx: Ctx, withQr: boolean): SafeHtml {
  const { input, size } = ctx;
  const number = input.ticket.number;
  const roll = size === '80mm';
  const barcode = code128Svg(number, {
    label: `${W.ticket} ${number}`,
    moduleMm: roll ? 0.25 : 0.27,
    heightMm: roll ? 11 : 10,
  });
  const bars = typeof barcode === 'string' ? EMPTY : barcode.svg;
  const meta = html`<div class="meta small">
    <div>${W.received} ${formatTimestamp(input.ticket.createdAt, ctx.fmt)}</div>
    ${input.receivedBy === null ? EMPTY : html`<div>${W.receivedBy} ${input.receivedBy}</div>`}
  </div>`;
  const qr = withQr
    ? qrSvg(number, { sizeMm: roll ? 19 : 22, label: `${W.ticket} ${number}` })
    : EMPTY;
  if (roll) {
    return html`<div class="ticket-block">
      <div class="ticket-no mono">${number}</div>
      ${bars}
      <div class="codes">${meta}${qr}</div>
    </div>`;
  }
  return html`<div class="ticket-block">
      <div class="label">${W.ticket}</div>
      <div class="ticket-no mono">${number}</div>
      ${bars}${meta}
    </div>
    ${qr}`;
}

function titleBlock(ctx: Ctx): SafeHtml {
  return html`<div class="doc-title">
    <span>${W.title[ctx.kind]}</span><span class="copy">${W.copy[ctx.kind]}</span>
  </div>`;
}

function head(ctx: Ctx, withQr: boolean): SafeHtml {
  if (ctx.size === '80mm') {
    return html`${centerBlock(ctx)}${titleBlock(ctx)}${ticketBlock(ctx, withQr)}`;
  }
  return html`<div class="page-head">${centerBlock(ctx)}${ticketBlock(ctx, withQr)}</div>
    ${titleBlock(ctx)}`;
}

// ---------------------------------------------------------------------------------------------
// Customer, watch, condition, complaint

function customerSection({ input }: Ctx): SafeHtml {
  const c = input.customer;
  return html`<section>
    <h2>${W.customer}</h2>
    <dl class="kv">
      <dt>${W.customer}</dt>
      <dd class="strong">${c === null ? dash : orDash(c.name)}</dd>
      <dt>${W.phone}</dt>
      <dd class="mono">${c === null ? dash : orDash(c.phone)}</dd>
    </dl>
  </section>`;
}

function watchSection(ctx: Ctx): SafeHtml {
  const { input } = ctx;
  const d = input.device;
  const invoiceDate = d.invoiceDate === null ? null : ctx.date(d.invoiceDate);
  return html`<section>
    <h2>${W.watch}</h2>
    <dl class="kv">
      <dt>${W.model}</dt>
      <dd class="strong">${modelWords(d.brand, d.model)}</dd>
      <dt>${W.serial}</dt>
      <dd class="mono strong">${orDash(d.serial)}</dd>
      <dt>${W.invoice}</dt>
      <dd>
        ${d.invoiceNumber.trim() === '' ? dash : html`<span class="mono">${d.invoiceNumber}</span>`}
        ${invoiceDate === null ? EMPTY : html`<span>· ${invoiceDate}</span>`}
      </dd>
      ${
        d.activationDate === null
          ? EMPTY
          : html`<dt>${W.activation}</dt>
              <dd>${ctx.date(d.activationDate)}</dd>`
      }
      ${
        d.purchaseChannel === null
          ? EMPTY
          : html`<dt>${W.boughtFrom}</dt>
              <dd>${CHANNEL_WORDS[d.purchaseChannel]}</dd>`
      }
      <dt>${W.forService}</dt>
      <dd>${COMPONENT_WORDS[input.ticket.component]}</dd>
    </dl>
  </section>`;
}

function accessoriesSection({ input }: Ctx): SafeHtml {
  const list = input.ticket.accessories.filter((a) => a.trim() !== '');
  return html`<section>
    <h2>${W.accessories}</h2>
    ${
      list.length === 0
        ? html`<p>${W.noAccessories}</p>`
        : html`<ul class="bullets">
            ${list.map((a) => html`<li>${capitalize(a)}</li>`)}
          </ul>`
    }
  </section>`;
}

const capitalize = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** `XINJI Cobee C5`, not `XINJI XINJI Cobee C5` when the model already names the brand. */
export function modelWords(brand: string, model: string): string {
  const m = model.trim();
  if (m === '') return brand;
  return m.toLocaleLowerCase().startsWith(brand.toLocaleLowerCase()) ? m : `${brand} ${m}`;
}

const CAUSE_WORDS: Readonly<Record<'intake' | 'diagnosis', string>> = {
  intake: 'at intake',
  diagnosis: 'after diagnosis',
};

function conditionSection({ input }: Ctx): SafeHtml {
  const c = input.checklist;
  const items: SafeHtml[] = [];
  if (c.warrantySticker !== null) items.push(html`<li>${STICKER_WORDS[c.warrantySticker]}</li>`);
  if (c.proofOfPurchase !== null) {
    items.push(
      html`<li>
        ${EVIDENCE_WORDS.proof_of_purchase} ${c.proofOfPurchase ? W.shown : W.notShown}
      </li>`,
    );
  }
  if (c.warrantyCard !== null) {
    items.push(
      html`<li>${EVIDENCE_WORDS.warranty_card} ${c.warrantyCard ? W.shown : W.notShown}</li>`,
    );
  }
  if (c.findings.length === 0) items.push(html`<li>${W.noFindings}</li>`);
  for (const f of c.findings) items.push(html`<li class="strong">${FINDING_WORDS[f]}</li>`);
  return html`<section>
    <h2>${W.condition}</h2>
    <ul class="bullets">
      ${items}
    </ul>
  </section>`;
}

function complaintSection({ input }: Ctx): SafeHtml {
  return html`<section>
    <h2>${W.complaint}</h2>
    <p class="complaint">${orDash(input.ticket.complaint)}</p>
  </section>`;
}

// ---------------------------------------------------------------------------------------------
// The decision

function decisionBox(ctx: Ctx): SafeHtml {
  const d = ctx.input.decision;
  if (d === null) {
    return html`<section class="decision none">
      <h2>${W.decision}</h2>
      <p>${W.noDecision}</p>
      ${estimateRow(ctx)}
    </section>`;
  }
  const lastDay = d.lastCoveredDay === null ? null : ctx.date(d.lastCoveredDay);
  const left =
    d.covered && d.daysLeft !== null
      ? d.daysLeft === 0
        ? W.lastDayToday
        : W.daysLeft(d.daysLeft)
      : null;
  const from =
    d.warrantyStart !== null && d.warrantyStartSource !== null
      ? W.countedFrom(START_WORDS[d.warrantyStartSource], ctx.date(d.warrantyStart))
      : null;
  return html`<section class="decision ${d.covered ? 'covered' : 'not-covered'}">
    <h2>${W.decision}</h2>
    <div class="verdicts">
      <div class="verdict main">
        <span class="label">${W.warranty}</span>${d.covered ? W.covered : W.notCovered}
      </div>
      <div class="verdict">
        <span class="label">${W.charge}</span>${d.charge === 'free' ? W.free : W.paid}
      </div>
      <div class="verdict lastday">
        <span class="label">${W.lastCoveredDay}</span>${lastDay ?? W.noLastDay}
      </div>
    </div>
    ${
      from === null && left === null
        ? EMPTY
        : html`<p class="note small">
            ${join(
              [from, left].filter((x): x is string => x !== null),
              ' · ',
            )}
          </p>`
    }
    ${
      d.missingEvidence.length === 0
        ? EMPTY
        : html`<p class="note small strong">
            ${W.missing(d.missingEvidence.map((e) => EVIDENCE_WORDS[e]).join(', '))}
          </p>`
    }
    ${d.provisional ? html`<p class="note small strong">${W.provisional}</p>` : EMPTY}
    ${estimateRow(ctx)}
  </section>`;
}

/** For paid work: the ticket's quote, or when the customer will hear it. */
function estimateRow(ctx: Ctx): SafeHtml {
  const quote = ctx.input.ticket.quote;
  if (ctx.input.decision?.charge !== 'paid' && quote === null) return EMPTY;
  return html`<div class="estimate">
    ${
      quote === null
        ? html`<p>${W.estimateLater}</p>`
        : html`<div class="row">
              <span>${W.estimate}</span><span class="amount">${amountOf(ctx, quote)}</span>
            </div>
            <p class="small">${W.estimateNote}</p>`
    }
  </div>`;
}

/** One line per clause the decision rests on (a clause quoted twice is quoted once). */
function clausesSection(ctx: Ctx, withRemedies: boolean): SafeHtml {
  const d = ctx.input.decision;
  if (d === null) return EMPTY;
  const start = d.warrantyStart === null ? null : ctx.date(d.warrantyStart);
  const seen = new Set<string>();
  const reasons: DecisionReason[] = [];
  for (const r of d.reasons) {
    const key = `${r.code}:${r.clauseId}:${r.finding ?? ''}:${r.document ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push(r);
  }
  const remedies = withRemedies ? d.remedies : [];
  return html`<section class="clauses may-break">
    <h2>${W.restsOn}</h2>
    <ul class="clause-list">
      ${reasons.map(
        (r) =>
          html`<li>
            <span class="strong">${reasonWords(r, start)}</span>
            <span class="clause-ref"
              ><span class="mono clause-id">${r.clauseId}</span> “${shortQuote(r.clauseText)}”</span
            >
          </li>`,
      )}
    </ul>
    ${
      remedies.length === 0
        ? EMPTY
        : html`<p class="remedies">
            <span class="strong">${W.remedies}:</span>
            ${join(
              remedies.map(
                (r) =>
                  html`${REMEDY_WORDS[r.remedy]}${
                    r.clauseId === null
                      ? EMPTY
                      : html` <span class="mono clause-id">(${r.clauseId})</span>`
                  }`,
              ),
              '; ',
            )}
          </p>`
    }
  </section>`;
}

/** An amount in its own currency (a quote is stored with it). */
const amountOf = (ctx: Ctx, m: Money): string => formatAmount(m, ctx.fmt);

function termsSection({ input }: Ctx): SafeHtml {
  const terms = input.policy?.intakeTerms ?? [];
  if (terms.length === 0) return EMPTY;
  return html`<section class="terms">
    <h2>${W.terms}</h2>
    <ol class="numbered">
      ${terms.map(
        (t) =>
          html`<li>
            ${t.summary} <span class="mono clause-id muted small">(${t.clauseId})</span>
          </li>`,
      )}
    </ol>
  </section>`;
}

function signatureSection(
  ctx: Ctx,
  caption: string,
  lead: string | null,
  drawn: string | null,
): SafeHtml {
  const src = drawn === null ? null : imageDataUrl(drawn);
  const customer = html`<div class="sign">
    ${lead === null ? EMPTY : html`<p class="small">${lead}</p>`}
    <div class="space">
      ${src === null ? EMPTY : html`<img src="${src}" alt="${W.signature}" />`}
    </div>
    <div class="caption small">
      ${caption}${ctx.input.customer === null ? EMPTY : html` · ${ctx.input.customer.name}`}
    </div>
  </div>`;
  if (ctx.size === '80mm') return customer;
  return html`<div class="signatures">
    ${customer}
    <div class="sign">
      ${lead === null ? EMPTY : html`<p class="small">&nbsp;</p>`}
      <div class="space"></div>
      <div class="caption small">
        ${W.technicianSignature}${
          ctx.kind !== 'intake' || ctx.input.receivedBy === null
            ? EMPTY
            : html` · ${ctx.input.receivedBy}`
        }
      </div>
    </div>
  </div>`;
}

function footer(ctx: Ctx, extra: string | null): SafeHtml {
  const p = ctx.input.policy;
  return html`<footer>
    ${extra === null ? EMPTY : html`<p class="strong">${extra}</p>`}
    <p>
      ${p === null ? EMPTY : html`${W.policy(p.title, p.version)} · `}${W.printed}
      ${formatTimestamp(ctx.input.printedAt, ctx.fmt)}
    </p>
  </footer>`;
}

// ---------------------------------------------------------------------------------------------
// Job sheet: the technician's part

// The words of the section below; they join words.ts when that file is next opened up.
const TRIED_WORDS = {
  title: 'Tried at the counter',
  symptom: 'Symptom',
  steps: 'Steps',
  advice: 'Advice given',
  result: { helped: 'Helped', no_change: 'No change', not_tried: 'Not tried' },
  outcome: { resolved: 'Resolved at the counter', continue: 'Continued to repair' },
  history: (symptom: string, outcome: string) => `Tried at the counter: ${symptom} — ${outcome}`,
} as const;

/** The brand's support steps tried before the repair, so the workshop does not repeat them. */
function triedSection({ input }: Ctx): SafeHtml {
  const tried = input.triedAtCounter;
  if (tried === null) return EMPTY;
  return html`<section class="may-break tried">
    <h2>${TRIED_WORDS.title}</h2>
    <dl class="kv">
      <dt>${TRIED_WORDS.symptom}</dt>
      <dd>${tried.symptom} (${TRIED_WORDS.outcome[tried.outcome]})</dd>
      <dt>${TRIED_WORDS.steps}</dt>
      <dd>
        <ol class="numbered">
          ${tried.steps.map(
            (s) =>
              html`<li class="${s.tried ? 'step tried' : 'step muted'}">
                ${s.text} — <strong>${TRIED_WORDS.result[s.result]}</strong>
              </li>`,
          )}
        </ol>
      </dd>
      ${
        tried.advice === null
          ? EMPTY
          : html`<dt>${TRIED_WORDS.advice}</dt>
              <dd style="white-space:pre-wrap">${tried.advice}</dd>`
      }
    </dl>
  </section>`;
}

function technicianSection(ctx: Ctx): SafeHtml {
  const { input } = ctx;
  const blank = (n: number) =>
    html`<div class="lines">
      ${Array.from({ length: n }, () => html`<div class="line"></div>`)}
    </div>`;
  return html`<section class="may-break">
    <h2>${W.technician}</h2>
    <dl class="kv">
      <dt>${W.receivedBy}</dt>
      <dd>${input.receivedBy ?? dash}</dd>
      <dt>${W.diagnosis}</dt>
      <dd>
        ${
          input.diagnosis.length === 0
            ? blank(ctx.size === '80mm' ? 2 : 3)
            : html`<ul class="bullets">
                ${input.diagnosis.map((s) => html`<li>${s}</li>`)}
              </ul>`
        }
      </dd>
    </dl>
    <h2 style="margin-top:3mm">${W.workNotes}</h2>
    ${blank(ctx.size === '80mm' ? 4 : 6)}
  </section>`;
}

const lineAmount = (p: PartLine): Cents => multiplyCents(p.unitPrice, p.quantity);

function partsSection(ctx: Ctx, title: string, emptyText: string): SafeHtml {
  const parts = ctx.input.parts;
  const roll = ctx.size === '80mm';
  const columns = roll ? 3 : 6;
  if (parts.length === 0 && ctx.kind === 'jobSheet') {
    // Room to write the parts in by hand until the parts issue records them.
    const rows = Array.from(
      { length: roll ? 3 : 4 },
      () =>
        html`<tr class="blank">
          ${Array.from({ length: columns }, () => html`<td></td>`)}
        </tr>`,
    );
    return html`<section class="may-break">
      <h2>${title}</h2>
      <p class="small muted">${emptyText}</p>
      <table>
        ${partsHead(ctx)}
        <tbody>
          ${rows}
        </tbody>
      </table>
    </section>`;
  }
  if (parts.length === 0) {
    return html`<section>
      <h2>${title}</h2>
      <p>${emptyText}</p>
    </section>`;
  }
  const amount = (p: PartLine) =>
    p.covered
      ? html`<span class="strong">${W.coveredLine}</span>`
      : html`${ctx.money(lineAmount(p))}`;
  const rows = parts.map((p) =>
    roll
      ? html`<tr>
          <td>
            ${p.name}
            <div class="small mono muted">
              ${p.partNumber}${p.serial === undefined ? EMPTY : html` · ${p.serial}`}
            </div>
          </td>
          <td class="num">${p.quantity}</td>
          <td class="num">${amount(p)}</td>
        </tr>`
      : html`<tr>
          <td>${p.name}</td>
          <td class="mono">${p.partNumber}</td>
          <td class="mono">${p.serial ?? ''}</td>
          <td class="num">${p.quantity}</td>
          <td class="num">${ctx.money(p.unitPrice)}</td>
          <td class="num">${amount(p)}</td>
        </tr>`,
  );
  return html`<section class="may-break">
    <h2>${title}</h2>
    <table>
      ${partsHead(ctx)}
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function partsHead(ctx: Ctx): SafeHtml {
  if (ctx.size === '80mm') {
    return html`<colgroup>
        <col />
        <col style="width:8mm" />
        <col style="width:21mm" />
      </colgroup>
      <thead>
        <tr>
          <th>${W.partName}</th>
          <th class="num">${W.quantity}</th>
          <th class="num">${W.lineTotal}</th>
        </tr>
      </thead>`;
  }
  return html`<colgroup>
      <col />
      <col style="width:30mm" />
      <col style="width:30mm" />
      <col style="width:11mm" />
      <col style="width:25mm" />
      <col style="width:25mm" />
    </colgroup>
    <thead>
      <tr>
        <th>${W.partName}</th>
        <th>${W.partNumber}</th>
        <th>${W.partSerial}</th>
        <th class="num">${W.quantity}</th>
        <th class="num">${W.unitPrice}</th>
        <th class="num">${W.lineTotal}</th>
      </tr>
    </thead>`;
}

function historyText(ctx: Ctx, line: HistoryLine): SafeHtml {
  const e = line.event;
  switch (e.kind) {
    case 'created':
      return html`${W.historyCreated(statusWords(e.status))}`;
    case 'status':
      return html`${W.historyStatus(statusWords(e.to))}${
        e.reason.trim() === '' ? EMPTY : html`<div class="small muted">${e.reason}</div>`
      }`;
    case 'note':
      return html`${W.historyNote}: ${e.text}`;
    case 'decision':
      return html`${W.historyDecision(e.decision.covered, e.decision.charge, CAUSE_WORDS[e.cause])}`;
    case 'diagnosis':
      return html`${W.historyDiagnosis}:
      ${e.summary}${
        e.newFindings.length === 0
          ? EMPTY
          : html`<div class="small muted">
              ${e.newFindings.map((f) => FINDING_WORDS[f]).join('; ')}
            </div>`
      }`;
    case 'quote':
      return html`${W.historyQuote(e.quote === null ? null : amountOf(ctx, e.quote))}`;
    case 'troubleshooting':
      return html`${TRIED_WORDS.history(e.symptomName, TRIED_WORDS.outcome[e.outcome])}`;
    default:
      throw missingCaseError(e);
  }
}

function historySection(ctx: Ctx): SafeHtml {
  const roll = ctx.size === '80mm';
  return html`<section class="may-break">
    <h2>${W.history}</h2>
    <table>
      <colgroup>
        <col style="width:${roll ? '21mm' : '38mm'}" />
        <col />
        <col style="width:${roll ? '14mm' : '34mm'}" />
      </colgroup>
      <thead>
        <tr>
          <th>${W.when}</th>
          <th>${W.what}</th>
          <th>${W.who}</th>
        </tr>
      </thead>
      <tbody>
        ${ctx.input.history.map(
          (h) =>
            html`<tr>
              <td class="small">${formatTimestamp(h.at, ctx.fmt)}</td>
              <td>${historyText(ctx, h)}</td>
              <td class="small">${h.who ?? dash}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

// ---------------------------------------------------------------------------------------------
// Completion: work, charges, payment, the repair's own warranty

function workDoneSection(ctx: Ctx): SafeHtml {
  const { input } = ctx;
  const lines =
    input.workDone !== null && input.workDone.trim() !== '' ? [input.workDone] : input.diagnosis;
  return html`<section>
    <h2>${W.workDone}</h2>
    ${
      lines.length === 0
        ? html`<p class="muted">${W.noWorkRecorded}</p>`
        : html`<ul class="bullets">
            ${lines.map((s) => html`<li class="wrap" style="white-space:pre-wrap">${s}</li>`)}
          </ul>`
    }
  </section>`;
}

interface Charges {
  readonly partsCharged: Cents;
  readonly total: Cents;
  readonly paid: Cents;
  readonly balance: Cents;
}

/**
 * What the customer owes. The quote is the price they agreed to for paid work, parts and labour
 * together; without one, the total is the sum of the parts lines charged to them.
 */
export function chargesOf(input: DocumentInput): Charges {
  let partsCharged = ZERO_CENTS;
  for (const p of input.parts) if (!p.covered) partsCharged = addCents(partsCharged, lineAmount(p));
  const quote = input.ticket.quote;
  const total =
    quote !== null && quote.currency === input.center.currency ? quote.amount : partsCharged;
  const paid = input.payment?.amount ?? ZERO_CENTS;
  const balance = subtractCents(total, paid);
  return { partsCharged, total, paid, balance: balance < 0 ? ZERO_CENTS : balance };
}

function chargesSection(ctx: Ctx): SafeHtml {
  const { input } = ctx;
  const c = chargesOf(input);
  const quote = input.ticket.quote;
  const free = input.decision?.charge === 'free';
  if (c.total === 0 && free) {
    return html`<section>
      <h2>${W.total}</h2>
      <p class="strong">${W.nothingToPay}</p>
    </section>`;
  }
  const row = (label: SafeHtml | string, value: string, cls = '') =>
    html`<div class="row ${cls}"><span>${label}</span><span>${value}</span></div>`;
  const pay = input.payment;
  return html`<section>
    <h2>${W.payment}</h2>
    <div class="totals">
      ${quote === null ? EMPTY : row(W.agreedCharge, amountOf(ctx, quote))}
      ${quote === null && c.partsCharged > 0 ? row(W.partsCharged, ctx.money(c.partsCharged)) : EMPTY}
      ${row(W.total, ctx.money(c.total), 'total')}
      ${pay === null ? row(W.notPaid, dash) : row(W.paidBy(pay.method), ctx.money(pay.amount))}
      ${c.balance > 0 ? row(html`<span class="strong">${W.balance}</span>`, ctx.money(c.balance), 'strong') : EMPTY}
      ${quote === null ? EMPTY : html`<p class="small muted">${W.agreedChargeNote}</p>`}
    </div>
  </section>`;
}

function repairWarrantySection(ctx: Ctx): SafeHtml {
  const { input } = ctx;
  const rw = input.policy?.repairWarranty ?? null;
  if (rw === null) {
    return html`<section>
      <h2>${W.repairWarranty}</h2>
      <p>${W.noRepairWarranty}</p>
    </section>`;
  }
  const from: PlainDate = input.completedOn ?? plainDateAt(input.printedAt, input.timeZone);
  return html`<section>
    <h2>${W.repairWarranty}</h2>
    <p>
      ${W.repairWarrantyUntil(periodWords(rw.period), ctx.date(lastDayOfPeriod(from, rw.period)))}
      <span class="mono muted small">(${rw.clauseId})</span>
    </p>
  </section>`;
}

function decisionSummary(ctx: Ctx): SafeHtml {
  const d = ctx.input.decision;
  if (d === null) return EMPTY;
  return html`<section>
    <h2>${W.decision}</h2>
    <p>
      <span class="strong">${d.covered ? W.coveredLong : W.notCoveredLong}</span> ·
      ${d.charge === 'free' ? W.freeLong : W.paidLong}${
        d.lastCoveredDay === null
          ? EMPTY
          : html` · ${W.lastCoveredDay} ${ctx.date(d.lastCoveredDay)}`
      }
    </p>
  </section>`;
}

// ---------------------------------------------------------------------------------------------
// The documents

/** Two columns on A4; one after the other on the roll. */
function columns(left: readonly SafeHtml[], right: readonly SafeHtml[]): SafeHtml {
  return html`<div class="grid2">
    <div>${left}</div>
    <div>${right}</div>
  </div>`;
}

/** Who, what, in what state, and why it came in. */
function intakeFacts(ctx: Ctx): SafeHtml {
  if (ctx.size === '80mm') {
    return html`${customerSection(ctx)}${watchSection(ctx)}${conditionSection(ctx)}
    ${accessoriesSection(ctx)}${complaintSection(ctx)}`;
  }
  return html`${columns([customerSection(ctx), accessoriesSection(ctx)], [watchSection(ctx)])}
  ${columns([conditionSection(ctx)], [complaintSection(ctx)])}`;
}

function intake(ctx: Ctx): SafeHtml {
  return html`${head(ctx, true)} ${intakeFacts(ctx)} ${decisionBox(ctx)}
    ${clausesSection(ctx, true)} ${termsSection(ctx)}
    <section>${signatureSection(ctx, W.signature, W.signatureAgree, ctx.input.signature)}</section>
    ${footer(ctx, W.keepReceipt)}`;
}

function jobSheet(ctx: Ctx): SafeHtml {
  return html`${head(ctx, true)} ${intakeFacts(ctx)} ${triedSection(ctx)} ${decisionBox(ctx)}
    ${clausesSection(ctx, true)} ${termsSection(ctx)} ${technicianSection(ctx)}
    ${partsSection(ctx, W.parts, W.noParts)} ${historySection(ctx)}
    <section class="sign">
      <div class="space"></div>
      <div class="caption small">${W.finalCheck}</div>
    </section>
    ${footer(ctx, null)}`;
}

function completion(ctx: Ctx): SafeHtml {
  const collected = ctx.input.completedOn ?? plainDateAt(ctx.input.printedAt, ctx.input.timeZone);
  const who =
    ctx.size === '80mm'
      ? html`${customerSection(ctx)}${watchSection(ctx)}`
      : columns([customerSection(ctx)], [watchSection(ctx)]);
  return html`${head(ctx, false)} ${who} ${decisionSummary(ctx)} ${workDoneSection(ctx)}
    ${partsSection(ctx, W.partsReplaced, W.noPartsReplaced)} ${chargesSection(ctx)}
    ${repairWarrantySection(ctx)} ${termsSection(ctx)}
    <section>
      ${signatureSection(ctx, `${W.collected} ${ctx.date(collected)}`, W.pickupSignature, null)}
    </section>
    ${footer(ctx, W.thanks)}`;
}

/** The body of a document (everything inside `<body>`). */
export function documentBody(kind: DocumentKind, input: DocumentInput, size: PaperSize): SafeHtml {
  const ctx = context(kind, input, size);
  switch (kind) {
    case 'intake':
      return intake(ctx);
    case 'jobSheet':
      return jobSheet(ctx);
    case 'completion':
      return completion(ctx);
    default:
      throw missingCaseError(kind);
  }
}
