import { describe, expect, it } from 'vitest';
import type { EventId } from '../../shared/domain/ids';
import type { TicketEventRow } from '../data/db';
import { renderDocument, type BuildOptions } from './build';
import { TEST_FONTS, testFontLoader } from './fontTestLoader';
import { documentInputFrom, PAPER_SIZES, triedAtCounterOf, type DocumentInput } from './input';
import { SAMPLE_AT, SAMPLE_CENTER, SAMPLE_TECHNICIANS, sampleDetail } from './testkit';

const options = (): BuildOptions => ({
  fonts: TEST_FONTS,
  loadFont: testFontLoader(),
  measure: null,
});

/** The document's text as a reader sees it: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .slice(html.indexOf('<body'))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const STEPS = [
  'First and foremost, please ensure that you follow the instructions of the user manual.',
  'Remove all Bluetooth devices on your phone, restart your phone and the watch/band before pairing them again.',
  'Reset the watch/band. Then delete and reinstall the compatible App.',
] as const;

function tried(advice?: string): TicketEventRow {
  const { detail } = sampleDetail();
  const created = detail.events[0];
  if (created === undefined) throw new Error('no events');
  return {
    id: '0197c2a0-0000-7000-8000-0000000001ff' as EventId,
    ticketId: created.ticketId,
    technicianId: created.technicianId,
    at: SAMPLE_AT,
    kind: 'troubleshooting',
    kb: { brand: 'xinji', version: 1 },
    symptomId: 'pairing',
    symptomName: 'Watch will not pair with the phone',
    steps: [
      { index: 0, text: STEPS[0], tried: true, result: 'no_change' },
      { index: 1, text: STEPS[1], tried: true, result: 'no_change' },
      { index: 2, text: STEPS[2], tried: false, result: 'not_tried' },
    ],
    outcome: 'continue',
    ...(advice === undefined ? {} : { advice }),
  };
}

function inputWith(events: readonly TicketEventRow[]): DocumentInput {
  const { detail, policy } = sampleDetail();
  return documentInputFrom(
    { ...detail, events: [...detail.events, ...events] },
    SAMPLE_CENTER,
    policy,
    {
      technicians: SAMPLE_TECHNICIANS,
      printedAt: SAMPLE_AT + 60_000,
      timeZone: 'Asia/Kolkata',
    },
  );
}

describe('what was tried at the counter', () => {
  it.each(PAPER_SIZES)(
    'is on the job sheet on %s paper, step by step with what each did',
    async (size) => {
      const built = await renderDocument('jobSheet', inputWith([tried()]), size, options());
      const text = textOf(built.html);
      expect(text).toContain('Tried at the counter');
      expect(text).toContain('Watch will not pair with the phone (Continued to repair)');
      expect(text).toContain(`${STEPS[0]} — No change`);
      expect(text).toContain(`${STEPS[1]} — No change`);
      expect(text).toContain(`${STEPS[2]} — Not tried`);
      // The history says it too, in the ticket's order.
      expect(text).toContain(
        'Tried at the counter: Watch will not pair with the phone — Continued to repair',
      );
      // Before the decision: the workshop reads what was tried right after the complaint.
      expect(text.indexOf('Tried at the counter')).toBeLessThan(text.indexOf('Last covered day'));
    },
  );

  it('prints the advice as text, whatever was typed', async () => {
    const built = await renderDocument(
      'jobSheet',
      inputWith([tried('Use the app, not <b>Bluetooth</b> settings & "restart"')]),
      'A4',
      options(),
    );
    expect(textOf(built.html)).toContain('Use the app, not <b>Bluetooth</b> settings & "restart"');
    expect(built.html).not.toContain('<b>Bluetooth</b>');
  });

  it('is left out when nothing was tried, and off the customer’s receipts', async () => {
    const none = await renderDocument('jobSheet', inputWith([]), 'A4', options());
    expect(textOf(none.html)).not.toContain('Tried at the counter');
    const intake = await renderDocument('intake', inputWith([tried()]), 'A4', options());
    expect(textOf(intake.html)).not.toContain('Reset the watch/band');
  });

  it('takes the first troubleshooting event of the ticket', () => {
    const first = tried();
    const second = {
      ...tried(),
      symptomName: 'Later',
      id: '0197c2a0-0000-7000-8000-0000000002ff' as EventId,
    };
    expect(triedAtCounterOf([first, second])?.symptom).toBe('Watch will not pair with the phone');
    expect(triedAtCounterOf([])).toBeNull();
  });
});
