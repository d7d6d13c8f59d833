import { describe, expect, it } from 'vitest';
import { parsePlainDate, type PlainDate } from '../../shared/dates/plainDate';
import type { TicketId } from '../../shared/domain/ids';
import { evaluate } from '../../shared/warranty';
import { createTicket } from '../data/commands';
import { intakeForm, setupCounter } from '../data/testkit';
import { renderDocument } from './build';
import { TEST_FONTS, testFontLoader } from './fontTestLoader';
import { buildTicketDocument, LOAD_WORDS, loadDocumentInput } from './load';
import { samplePolicy } from './testkit';

const day = (s: string): PlainDate => parsePlainDate(s) ?? (s as PlainDate);
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A counter with one XINJI ticket taken in through the data layer, signature included. */
async function counterWithTicket(customerName: string) {
  const counter = await setupCounter();
  const policy = samplePolicy('xinji');
  const visitDate = day('2025-07-01');
  const form = intakeForm(counter.techs[0], {
    customer: { kind: 'new', name: customerName, phone: '+91 98765 43210' },
  });
  const facts = {
    component: 'body' as const,
    invoiceDate: day('2025-03-15'),
    proofOfPurchase: true,
    warrantyCard: true,
    purchaseChannel: 'authorized_dealer' as const,
    purchaseCountry: 'IN' as never,
    serviceCountry: 'IN' as never,
    warrantySticker: 'intact' as const,
    findings: [],
  };
  const created = await createTicket(counter.deps, {
    form,
    visitDate,
    decision: evaluate(policy, facts, visitDate),
    signature: SIGNATURE,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const sources = {
    db: counter.db,
    policies: new Map([[policy.id, policy]]),
    now: () => Date.UTC(2025, 6, 1, 9, 5),
    today: () => visitDate,
  };
  return { counter, sources, ticketId: created.value.ticketId, number: created.value.number };
}

describe('printing a ticket from the local database', () => {
  it('gathers the ticket, the center, the technician and the signature', async () => {
    const { sources, ticketId, number } = await counterWithTicket('<b>Priya</b> & "Co"');
    const input = await loadDocumentInput(sources, ticketId, 'intake');
    if (!input.ok) throw new Error(input.error);
    expect(input.value.ticket.number).toBe(number);
    expect(input.value.center.name).toBe('Smart Care Koramangala');
    expect(input.value.receivedBy).toBe('Arjun');
    expect(input.value.signature).toBe(SIGNATURE);
    expect(input.value.policy?.id).toBe('xinji');
    expect(input.value.decision?.lastCoveredDay).toBe('2026-03-15');

    const built = await renderDocument('intake', input.value, 'A4', {
      fonts: TEST_FONTS,
      loadFont: testFontLoader(),
      measure: null,
    });
    expect(built.html).toContain(number);
    expect(built.html).toContain('XJ20240001ABCD');
    expect(built.html).toContain(`src="${SIGNATURE}"`);
    expect(built.html).toContain('&lt;b&gt;Priya&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(built.html).not.toContain('<b>Priya</b>');
  });

  it('keeps the intake signature off the completion receipt', async () => {
    const { sources, ticketId } = await counterWithTicket('Priya Raman');
    const input = await loadDocumentInput(sources, ticketId, 'completion');
    expect(input.ok && input.value.signature).toBeNull();
    expect(input.ok && input.value.completedOn).toBe('2025-07-01');
  });

  it('says so, in plain words, when the ticket is not on this counter', async () => {
    const { sources } = await counterWithTicket('Priya Raman');
    const missing = '0197c2a0-0000-7000-8000-0000000000ff' as TicketId;
    expect(await loadDocumentInput(sources, missing, 'intake')).toEqual({
      ok: false,
      error: LOAD_WORDS.noTicket,
    });
    const built = await buildTicketDocument(
      sources,
      missing,
      'jobSheet',
      '80mm',
      {},
      { measure: null },
    );
    expect(built.ok ? 'built' : built.error).toBe(LOAD_WORDS.noTicket);
  });
});
