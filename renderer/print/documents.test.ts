import { describe, expect, it } from 'vitest';
import type { Cents } from '../../shared/domain/money';
import { MAX_HTML_CHARS, renderDocument, type BuildOptions } from './build';
import { SANS_DEVANAGARI, SANS_SC } from './fontCatalog';
import { TEST_FONTS, testFontLoader } from './fontTestLoader';
import { documentInputFrom, DOCUMENT_KINDS, PAPER_SIZES, type DocumentInput } from './input';
import { chargesOf, modelWords } from './templates';
import { SAMPLE_AT, SAMPLE_CENTER, SAMPLE_TECHNICIANS, sampleDetail, sampleInput } from './testkit';

const options = (): BuildOptions => ({
  fonts: TEST_FONTS,
  loadFont: testFontLoader(),
  measure: null,
});

const build = (kind: (typeof DOCUMENT_KINDS)[number], input: DocumentInput, size: '80mm' | 'A4') =>
  renderDocument(kind, input, size, options());

/** The document's text as a reader sees it: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const XINJI_TERMS = [
  [
    'Bring this receipt and the purchase invoice when you collect the watch.',
    'xinji.bring-box-and-invoice',
  ],
  ['Replaced parts belong to XINJI and are returned to the manufacturer.', 'xinji.free-repair'],
  ['A rooted or flashed watch is re-flashed only with your prior approval.', 'xinji.rooted'],
] as const;

describe.each(DOCUMENT_KINDS)('the %s document', (kind) => {
  it.each(PAPER_SIZES)(
    'on %s paper carries the ticket, the watch, the decision and the terms',
    async (size) => {
      const built = await build(kind, sampleInput(), size);
      const text = textOf(built.html);
      expect(text).toContain('BLR01-250701-007');
      expect(text).toContain('XJ20240001ABCD');
      expect(text).toMatch(/Covered/);
      expect(text).not.toMatch(/Not covered/);
      expect(text).toContain('15 Mar 2026');
      expect(text).toContain('Last covered day');
      for (const [summary, clause] of XINJI_TERMS) {
        expect(text).toContain(summary);
        expect(text).toContain(clause);
      }
      expect(built.html).toContain(`data-document="${kind}"`);
      expect(built.html).toContain(`data-size="${size}"`);
    },
  );
});

describe('every document', () => {
  it('is self-contained: no scripts, no links, nothing fetched', async () => {
    for (const kind of DOCUMENT_KINDS) {
      for (const size of PAPER_SIZES) {
        const { html } = await build(kind, sampleInput({ withHistory: true }), size);
        expect(html.startsWith('<!doctype html>')).toBe(true);
        expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import/i);
        expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/|file:)/i);
        expect(html).not.toMatch(/url\((?!data:)/);
        expect(html.length).toBeLessThan(MAX_HTML_CHARS);
      }
    }
  });

  it('prints markup typed into any field as text', async () => {
    const evil = `<script>alert(1)</script> & "quoted" 'single' </style><img src=x onerror=alert(2)>`;
    const input = sampleInput(
      { customerName: evil, complaint: evil, accessories: [evil], withHistory: true },
      { workDone: evil, payment: { method: evil, amount: 100 as Cents } },
    );
    for (const kind of DOCUMENT_KINDS) {
      for (const size of PAPER_SIZES) {
        const { html } = await build(kind, input, size);
        expect(html).not.toMatch(/<script|<img src=x|<\/style><img/i);
        expect(html).toContain(
          '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;',
        );
        expect(textOf(html)).toContain(`<script>alert(1)</script> & "quoted"`);
      }
    }
  });

  it('says Not covered and Paid, with the estimate, when the warranty does not apply', async () => {
    const input = sampleInput({
      invoiceDate: '2023-01-10',
      findings: ['liquid_damage'],
      sticker: 'missing',
      quote: 245000 as Cents,
    });
    const text = textOf((await build('intake', input, '80mm')).html);
    expect(text).toContain('Not covered');
    expect(text).toContain('Paid');
    expect(text).toContain('10 Jan 2024');
    expect(text).toContain('₹2,450.00');
    expect(text).toContain('Signs of liquid inside');
    expect(text).toContain('xinji.excl.improper-use');
    // Clauses are quoted short: the start, then an ellipsis.
    expect(text).toMatch(/“Failure and damage caused by abnormal use[^”]{0,100}…”/);
  });

  it('inlines only the fonts its text needs', async () => {
    const latin = await build('intake', sampleInput(), '80mm');
    expect(latin.fonts.faces.map((f) => f.file).sort()).toEqual([
      'noto-sans-latin-400-normal.woff2',
      'noto-sans-latin-700-normal.woff2',
    ]);
    const hindi = await build('intake', sampleInput({ customerName: 'अनिल कुमार' }), 'A4');
    expect(hindi.fonts.faces.map((f) => f.file)).toContain(
      'noto-sans-devanagari-devanagari-400-normal.woff2',
    );
    expect(hindi.html).toContain(`font-family:'${SANS_DEVANAGARI}'`);
    expect(textOf(hindi.html)).toContain('अनिल कुमार');
    const chinese = await build('intake', sampleInput({ customerName: '王小明' }), 'A4');
    expect(chinese.fonts.faces.some((f) => /^noto-sans-sc-\d+-400/.test(f.file))).toBe(true);
    expect(chinese.html).toContain(`font-family:'${SANS_SC}'`);
    expect(chinese.fonts.uncovered).toEqual([]);
  });

  it('stays within the shell’s size limit even for a long complaint in Chinese', async () => {
    // 600 different common characters: far more font than fits, so bold is synthesized and
    // the rarest slices are left to the printer's fonts, and the document still prints.
    const complaint = Array.from({ length: 600 }, (_, i) =>
      String.fromCodePoint(0x4e00 + i * 7),
    ).join('');
    const built = await build('jobSheet', sampleInput({ complaint }), 'A4');
    expect(built.html.length).toBeLessThan(MAX_HTML_CHARS);
    expect(built.fonts.boldSynthesized).toContain(SANS_SC);
  });

  it('writes the roll length into @page, or a 297 mm length when it cannot measure', async () => {
    const measured = await renderDocument('intake', sampleInput(), '80mm', {
      ...options(),
      measure: () => Promise.resolve(187.25),
    });
    expect(measured.heightMm).toBeCloseTo(190.25);
    expect(measured.html).toContain('@page{size:80mm 190.3mm;margin:0}');
    const unmeasured = await build('intake', sampleInput(), '80mm');
    expect(unmeasured.html).toContain('@page{size:80mm 297mm;margin:0}');
    const a4 = await build('jobSheet', sampleInput(), 'A4');
    expect(a4.html).toContain('@page{size:A4;');
    expect(a4.html).toContain("content:'BLR01-250701-007 Job sheet'");
  });

  it('draws the signature given at intake, and a blank line without one', async () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const signed = await build('intake', sampleInput({}, { signatureDataUrl: png }), '80mm');
    expect(signed.html).toContain(`src="${png}"`);
    const remote = await build(
      'intake',
      sampleInput({}, { signatureDataUrl: 'https://example.com/s.png' }),
      '80mm',
    );
    expect(remote.html).not.toContain('example.com');
    expect(textOf(remote.html)).toContain('Customer signature');
  });
});

describe('the job sheet', () => {
  it('has the technician’s fields, the parts lines and the status history', async () => {
    const input = sampleInput(
      { withHistory: true },
      {
        parts: [
          {
            partNumber: 'XJ-C5-LCD',
            name: 'Display assembly',
            serial: 'LCD889123',
            quantity: 1,
            unitPrice: 180000 as Cents,
            covered: true,
          },
        ],
      },
    );
    for (const size of PAPER_SIZES) {
      const text = textOf((await build('jobSheet', input, size)).html);
      expect(text).toContain('Received by Arjun');
      expect(text).toContain('Display connector loose; reseated and tested for 30 minutes.');
      expect(text).toContain('Work notes');
      expect(text).toContain('Display assembly');
      expect(text).toContain('XJ-C5-LCD');
      expect(text).toContain('Moved to Diagnosing');
      expect(text).toContain('Note: Customer asked for a call before pickup.');
      expect(text).toContain('Meera');
    }
  });

  it('leaves ruled rows for parts while none are recorded', async () => {
    const { html } = await build('jobSheet', sampleInput(), 'A4');
    expect(textOf(html)).toContain('No parts recorded yet.');
    expect(html.match(/<tr class="blank">/g)?.length).toBe(4);
  });
});

describe('the completion receipt', () => {
  const parts = [
    {
      partNumber: 'XJ-C5-LCD',
      name: 'Display assembly',
      quantity: 1,
      unitPrice: 180000 as Cents,
      covered: false,
    },
    {
      partNumber: 'XJ-C5-GSK',
      name: 'Back gasket',
      quantity: 2,
      unitPrice: 15000 as Cents,
      covered: false,
    },
    {
      partNumber: 'XJ-C5-STP',
      name: 'Strap',
      quantity: 1,
      unitPrice: 50000 as Cents,
      covered: true,
    },
  ];

  it('lists parts as covered or charged, the total, the payment, and no repair warranty', async () => {
    const input = sampleInput(
      {},
      { parts, payment: { method: 'UPI', amount: 200000 as Cents }, workDone: 'Display replaced.' },
    );
    const text = textOf((await build('completion', input, 'A4')).html);
    expect(text).toContain('Display replaced.');
    expect(text).toMatch(/Strap XJ-C5-STP 1 ₹500\.00 Covered/);
    expect(text).toMatch(/Back gasket XJ-C5-GSK 2 ₹150\.00 ₹300\.00/);
    expect(text).toContain('Total ₹2,100.00');
    expect(text).toContain('Paid (UPI) ₹2,000.00');
    expect(text).toContain('Balance due ₹100.00');
    expect(text).toContain('No separate repair warranty.');
  });

  it('has nothing to pay for covered work without charged parts', async () => {
    const text = textOf((await build('completion', sampleInput(), '80mm')).html);
    expect(text).toContain('Nothing to pay: the repair is covered by the warranty.');
  });

  it('gives the repair’s own warranty where the policy has one', async () => {
    const input = sampleInput(
      {},
      { completedOn: '2025-07-10' as DocumentInput['ticket']['visitDate'] },
    );
    const withWarranty: DocumentInput = {
      ...input,
      policy: input.policy && {
        ...input.policy,
        repairWarranty: { period: { months: 3 }, clauseId: 'xinji.test' },
      },
    };
    const text = textOf((await build('completion', withWarranty, 'A4')).html);
    expect(text).toContain('This repair is guaranteed for 3 months, until 10 Oct 2025.');
  });

  it('takes the agreed quote as the total when there is one', () => {
    const input = sampleInput({ quote: 245000 as Cents }, { parts, payment: null });
    expect(chargesOf(input)).toEqual({
      partsCharged: 210000,
      total: 245000,
      paid: 0,
      balance: 245000,
    });
  });
});

describe('documentInputFrom', () => {
  it('takes the latest decision, technicians by name, and the checklist of the intake', () => {
    const { detail, policy } = sampleDetail({ withHistory: true });
    const input = documentInputFrom(detail, SAMPLE_CENTER, policy, {
      technicians: SAMPLE_TECHNICIANS,
      printedAt: SAMPLE_AT,
      timeZone: 'Asia/Kolkata',
    });
    expect(input.decision).toBe(detail.decisions[detail.decisions.length - 1]?.decision);
    expect(input.receivedBy).toBe('Arjun');
    expect(input.history.map((h) => h.who)).toEqual(['Arjun', 'Arjun', 'Meera', 'Meera', 'Meera']);
    expect(input.checklist).toEqual({
      proofOfPurchase: true,
      warrantyCard: true,
      warrantySticker: 'intact',
      findings: [],
    });
    expect(input.policy?.intakeTerms.map((t) => t.clauseId)).toEqual([
      'xinji.bring-box-and-invoice',
      'xinji.free-repair',
      'xinji.rooted',
    ]);
    expect(input.policy?.repairWarranty).toBeNull();
    expect(input.locale).toBe('en-IN');
    expect(input.parts).toEqual([]);
    expect(input.payment).toBeNull();
  });

  it('prints an unknown technician as no name rather than an id', () => {
    const { detail, policy } = sampleDetail();
    const input = documentInputFrom(detail, SAMPLE_CENTER, policy, {
      printedAt: 0,
      timeZone: 'UTC',
    });
    expect(input.receivedBy).toBeNull();
  });

  it('does not repeat the brand when the model already names it', () => {
    expect(modelWords('XINJI', 'XINJI Cobee C5')).toBe('XINJI Cobee C5');
    expect(modelWords('KOSPET', 'Tank T3')).toBe('KOSPET Tank T3');
    expect(modelWords('COROS', ' ')).toBe('COROS');
  });
});
