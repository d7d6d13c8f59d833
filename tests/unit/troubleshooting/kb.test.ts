import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledKnowledgeBaseFiles } from '../../../policies/knowledgeBase';
import { POLICY_IDS } from '../../../shared/warranty';
import {
  formatKnowledgeBaseLoadError,
  parseKnowledgeBase,
  type KnowledgeBase,
  type Quote,
} from '../../../shared/troubleshooting/load';
import { buildSearchIndex, searchSymptoms } from '../../../shared/troubleshooting/search';

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();
const sourceText = (file: string): string =>
  normalize(readFileSync(new URL(`../../../policies/sources/${file}`, import.meta.url), 'utf8'));

/** Who wrote each vendored source. */
const AUTHORS: Readonly<Record<string, readonly string[]>> = {
  'kospet-support-faq.txt': ['kospet'],
  'kospet-warranty-policy.txt': ['kospet'],
  'kospet-warranty-terms.txt': ['kospet'],
  'xinji-after-sales-service-standard.txt': ['xinji'],
  'bluetens-and-coros-warranty.txt': ['bluetens', 'coros'],
};

const load = (file: string, json: unknown): KnowledgeBase => {
  const r = parseKnowledgeBase(json, file);
  if (!r.ok) throw new Error(formatKnowledgeBaseLoadError(r.error));
  return r.value;
};

const bundled = bundledKnowledgeBaseFiles.map(({ file, json }) => ({ file, kb: load(file, json) }));
const kospet = bundled.find((b) => b.kb.id === 'kospet')?.kb;

/** Every quote in a knowledge base, with where it sits. */
function quotes(kb: KnowledgeBase): { at: string; quote: Quote }[] {
  const all = kb.beforeRepair.map((quote, i) => ({ at: `beforeRepair[${i}]`, quote }));
  for (const s of kb.symptoms) {
    if (s.question) all.push({ at: `${s.id}.question`, quote: s.question });
    for (const [i, quote] of s.steps.entries()) all.push({ at: `${s.id}.steps[${i}]`, quote });
    for (const [i, quote] of s.notes.entries()) all.push({ at: `${s.id}.notes[${i}]`, quote });
  }
  return all;
}

it('bundles a knowledge base for each of the four brands', () => {
  expect(bundled.map((b) => b.kb.id).sort()).toEqual([...POLICY_IDS].sort());
});

describe.each(bundled)('$file', ({ file, kb }) => {
  it('loads through the schema and is named after its id', () => {
    expect(
      parseKnowledgeBase(bundledKnowledgeBaseFiles.find((f) => f.file === file)?.json, file),
    ).toMatchObject({ ok: true });
    expect(file).toBe(`policies/kb-${kb.id}.json`);
  });

  it('quotes every question, step and note word for word from its source', () => {
    const texts = new Map<string, string>();
    for (const { at, quote } of quotes(kb)) {
      const text = texts.get(quote.sourceFile) ?? sourceText(quote.sourceFile);
      texts.set(quote.sourceFile, text);
      expect(text, `${file} ${at} is not in ${quote.sourceFile}`).toContain(normalize(quote.text));
    }
  });

  it('quotes KOSPET’s support answers from policies/sources/kospet-support-faq.txt', () => {
    const faq = sourceText('kospet-support-faq.txt');
    for (const s of kb.symptoms) {
      for (const step of s.steps) {
        expect(step.sourceFile, `${s.id}: ${step.text}`).toBe('kospet-support-faq.txt');
        expect(faq, `${s.id}: ${step.text}`).toContain(normalize(step.text));
      }
    }
  });

  it('marks as common, with whose it is, every quote its own brand did not write', () => {
    for (const { at, quote } of quotes(kb)) {
      const authors = AUTHORS[quote.sourceFile];
      expect(authors, `${at}: who wrote ${quote.sourceFile}?`).toBeDefined();
      if (authors?.includes(kb.id)) {
        expect([quote.origin, quote.basedOn], at).toEqual(['brand', null]);
      } else {
        expect(quote.origin, at).toBe('common');
        expect(authors, at).toContain(quote.basedOn);
      }
    }
  });

  if (kb.id !== 'kospet') {
    it('starts from KOSPET’s symptoms and steps, unchanged and in order', () => {
      expect(kb.symptoms.map((s) => s.id)).toEqual(kospet?.symptoms.map((s) => s.id));
      for (const s of kb.symptoms) {
        const original = kospet?.symptomById.get(s.id);
        expect([s.origin, s.basedOn], s.id).toEqual(['common', 'kospet']);
        expect(
          s.steps.map((q) => q.text),
          s.id,
        ).toEqual(original?.steps.map((q) => q.text));
        expect(s.question?.text, s.id).toBe(original?.question?.text);
      }
    });

    it('never sends the customer to KOSPET: KOSPET’s app and service are explained', () => {
      for (const { at, quote } of quotes(kb)) {
        if (!/KOSPET|customer service/u.test(quote.text)) continue;
        expect(quote.note, at).toMatch(/KOSPET/u);
        expect(quote.note, at).toContain(kb.brand);
      }
    });
  }

  const index = buildSearchIndex(kb);
  const firstFor = (complaint: string): string | undefined =>
    searchSymptoms(index, complaint)[0]?.symptom.id;

  it.each([
    "won't connect",
    'not pairing',
    'bluetooth problem',
    'watch will not pair with phone',
    'cant connect to my phone',
  ])('finds pairing first for "%s"', (complaint) => {
    expect(firstFor(complaint)).toBe('pairing');
  });

  it.each([
    ['no notifications', 'notifications'],
    ['heart rate wrong', 'heart-rate'],
    ['battery drains fast', 'battery-life'],
    ['forgot passcode', 'forgotten-passcode'],
    ['update failed', 'firmware-update-fails'],
    ['my watch keeps losing connection', 'connection-drops'],
    ['notifs not coming through', 'notifications'],
    ['HR readings are off', 'heart-rate'],
    ['step count is wrong', 'sports-data'],
    ['battery dies in a day', 'battery-life'],
    ['I forgot the pin code', 'forgotten-passcode'],
    ['firmware upgrade failed', 'firmware-update-fails'],
    ['how do I update it', 'firmware-update'],
    ["data won't sync", 'data-sync'],
    ['weather not showing', 'weather'],
    ['cannot control spotify', 'music-control'],
    ['screen too dim outside', 'brightness'],
    ['watch is in chinese', 'language'],
    ['no vibration', 'sound-vibration'],
    ['calls not showing on the watch', 'call-alerts'],
    ['cannot see whatsapp messages', 'notifications'],
  ])('"%s" finds %s first', (complaint, id) => {
    expect(firstFor(complaint)).toBe(id);
  });
});

describe('the KOSPET knowledge base', () => {
  if (!kospet) throw new Error('no KOSPET knowledge base is bundled');
  const symptom = (id: string) => {
    const s = kospet.symptomById.get(id);
    if (!s) throw new Error(`no symptom "${id}"`);
    return s;
  };
  const said = (id: string): string =>
    [...symptom(id).steps, ...symptom(id).notes].map((q) => q.text).join('\n');

  it('covers what the FAQ answers about the watch', () => {
    for (const id of [
      'pairing',
      'app-connection',
      'connection-drops',
      'notifications',
      'call-alerts',
      'heart-rate',
      'sports-data',
      'battery-life',
      'firmware-update',
      'firmware-update-fails',
      'forgotten-passcode',
      'data-sync',
      'weather',
      'music-control',
      'always-on-display',
      'language',
      'brightness',
      'bluetooth-features',
    ]) {
      expect(kospet.symptomById.has(id), id).toBe(true);
    }
    for (const s of kospet.symptoms) expect([s.origin, s.basedOn], s.id).toEqual(['brand', null]);
  });

  it('leaves out the shop’s questions (shipping, orders, refunds, the website account)', () => {
    const all = quotes(kospet)
      .map((q) => q.quote.text)
      .join('\n');
    for (const shop of [
      'shipping',
      'refund',
      'discount code',
      'Lost your password',
      'order number',
    ]) {
      expect(all, shop).not.toContain(shop);
    }
  });

  it('keeps the feature notes that matter at the counter', () => {
    expect(said('firmware-update')).toContain('at least 70% charge');
    expect(said('firmware-update-fails')).toContain('at least 70% charge');
    expect(said('forgotten-passcode')).toContain('ROM file');
    for (const id of ['notifications', 'call-alerts', 'music-control']) {
      expect(said(id), id).toContain('You do need to enable Bluetooth');
    }
    expect(said('heart-rate')).toContain('You do not need to enable Bluetooth');
    expect(said('always-on-display')).toContain('may reduce the battery life');
    expect(said('battery-life')).toContain('may reduce the battery life');
  });

  it('asks, before a repair, what was tried (KOSPET’s warranty process)', () => {
    expect(kospet.beforeRepair.map((q) => q.text)).toContain(
      'Tell us what you have tried to resolve the issue.',
    );
  });
});
