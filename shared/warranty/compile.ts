import type { Period } from '../dates/plainDate';
import { formatDataFileError, parseDataFile, type DataFileError } from '../lib/dataFile';
import { err, ok, type Result } from '../lib/result';
import { policySchema, type PolicyDocument } from './policySchema';
import type { DecisionReason, RemedyOption } from './types';
import {
  COMPONENTS,
  START_DATES,
  VERIFIABLE_FACTS,
  type Component,
  type DocumentKind,
  isFree,
  type FindingCode,
  type PurchaseChannel,
  type StartDateKind,
  type StickerState,
  type VerifiableFact,
} from './vocabulary';

/** A policy file that failed to load: which file, where in it, and what was expected. */
export type PolicyLoadError = DataFileError;
export const formatPolicyLoadError = formatDataFileError;

interface Clause {
  readonly id: string;
  readonly text: string;
}

export type CompiledCoverage =
  | {
      readonly covered: true;
      readonly period: Period;
      readonly within: DecisionReason;
      readonly expired: DecisionReason;
      readonly noStart: DecisionReason;
    }
  | { readonly covered: false; readonly notCovered: DecisionReason };

export interface CompiledRemedy {
  readonly option: RemedyOption;
  readonly channels: ReadonlySet<PurchaseChannel> | null;
  readonly withinDaysOfStart: number | null;
  readonly maxPerOrder: number | null;
  readonly requires: readonly DocumentKind[];
  readonly components: ReadonlySet<Component> | null;
}

/**
 * A validated policy, turned into lookups and ready-made, frozen reason objects, so that a
 * decision is a handful of comparisons and references (the engine runs a million a second).
 */
export interface CompiledPolicy {
  readonly id: string;
  readonly brand: string;
  readonly version: number;
  readonly title: string;
  readonly document: PolicyDocument;
  readonly clauses: ReadonlyMap<string, Clause>;
  readonly coverage: Readonly<Record<Component, CompiledCoverage>>;
  readonly startRule: 'earliest' | 'first_present';
  readonly startFrom: readonly StartDateKind[];
  readonly startReasons: Readonly<Record<StartDateKind, DecisionReason>>;
  readonly documents: {
    readonly mode: 'all' | 'any';
    readonly items: readonly DocumentKind[];
    readonly missing: Readonly<Partial<Record<DocumentKind, DecisionReason>>>;
  } | null;
  readonly sticker: {
    readonly notCovered: ReadonlySet<StickerState>;
    readonly reason: DecisionReason;
  } | null;
  readonly purchasedAbroad: DecisionReason | null;
  readonly channels: {
    readonly covered: ReadonlySet<PurchaseChannel>;
    readonly reason: DecisionReason;
  } | null;
  /** For each finding the policy names: the exclusion and advisory reasons it triggers. */
  readonly findings: ReadonlyMap<FindingCode, readonly DecisionReason[]>;
  readonly unverified: Readonly<Record<VerifiableFact, DecisionReason>>;
  readonly coveredRemedies: readonly CompiledRemedy[];
  readonly notCoveredRemedies: readonly RemedyOption[];
  readonly repairWarranty: { readonly period: Period; readonly clause: Clause } | null;
}

/**
 * Validates a policy file's JSON and compiles it. A wrong file fails with the file name, the
 * path inside it and what was expected (STYLE.md 3).
 */
export function parsePolicy(json: unknown, file: string): Result<CompiledPolicy, PolicyLoadError> {
  const parsed = parseDataFile(policySchema, json, file, 'a valid policy document');
  return parsed.ok ? compile(parsed.value, file) : parsed;
}

/** As `parsePolicy`, for bundled files that are tested to load: a failure is a build defect. */
export function loadPolicy(json: unknown, file: string): CompiledPolicy {
  const r = parsePolicy(json, file);
  if (!r.ok) throw new Error(formatPolicyLoadError(r.error));
  return r.value;
}

function compile(doc: PolicyDocument, file: string): Result<CompiledPolicy, PolicyLoadError> {
  const clauses = new Map<string, Clause>();
  for (const [i, c] of doc.clauses.entries()) {
    if (clauses.has(c.id)) {
      return err({
        file,
        path: `clauses[${i}].id`,
        message: `clause id "${c.id}" is used twice: give each clause its own id`,
      });
    }
    if (!(c.source in doc.sources)) {
      return err({
        file,
        path: `clauses[${i}].source`,
        message: `unknown source "${c.source}": expected one of ${Object.keys(doc.sources)
          .map((s) => `"${s}"`)
          .join(', ')}`,
      });
    }
    clauses.set(c.id, Object.freeze({ id: c.id, text: c.text.replace(/\s+/g, ' ').trim() }));
  }

  for (const [i, r] of doc.remedies.covered.entries()) {
    if (!isFree(r.remedy)) {
      return err({
        file,
        path: `remedies.covered[${i}].remedy`,
        message: `"${r.remedy}" is not free: a covered visit offers "free_repair" or "free_replacement"`,
      });
    }
  }
  for (const [i, r] of doc.remedies.notCovered.entries()) {
    if (isFree(r.remedy)) {
      return err({
        file,
        path: `remedies.notCovered[${i}].remedy`,
        message: `"${r.remedy}" is free: a visit that is not covered offers paid remedies only`,
      });
    }
  }

  // Every reference must name a clause of this file; report the first that does not.
  const refErrors: PolicyLoadError[] = [];
  const clause = (id: string, path: string): Clause => {
    const c = clauses.get(id);
    if (c) return c;
    refErrors.push({
      file,
      path,
      message: `no clause has the id "${id}": add it to "clauses" or fix the reference`,
    });
    return { id, text: '' };
  };
  const reason = (
    fields: Omit<DecisionReason, 'clauseId' | 'clauseText'>,
    ref: string,
    path: string,
  ): DecisionReason => {
    const c = clause(ref, path);
    const { code, effect, ...details } = fields;
    return Object.freeze({ code, effect, clauseId: c.id, clauseText: c.text, ...details });
  };
  const option = (
    rule: { remedy: RemedyOption['remedy']; clause: string | null },
    path: string,
  ): RemedyOption => {
    const c = rule.clause === null ? null : clause(rule.clause, path);
    return Object.freeze({
      remedy: rule.remedy,
      clauseId: c?.id ?? null,
      clauseText: c?.text ?? null,
    });
  };

  const coverage = {} as Record<Component, CompiledCoverage>;
  for (const component of COMPONENTS) {
    const c = doc.coverage[component];
    const path = `coverage.${component}.clause`;
    coverage[component] = c.covered
      ? Object.freeze({
          covered: true as const,
          period: c.period,
          within: reason({ code: 'within_period', effect: 'covers' }, c.clause, path),
          expired: reason(
            { code: 'period_expired', effect: 'excludes' },
            doc.periodEnd.clause,
            'periodEnd.clause',
          ),
          noStart: reason(
            { code: 'no_start_date', effect: 'excludes' },
            doc.periodStart.clause,
            'periodStart.clause',
          ),
        })
      : Object.freeze({
          covered: false as const,
          notCovered: reason({ code: 'component_not_covered', effect: 'excludes' }, c.clause, path),
        });
  }

  const startReasons = {} as Record<StartDateKind, DecisionReason>;
  for (const kind of START_DATES) {
    startReasons[kind] = reason(
      { code: 'start_date', effect: 'note', startDate: kind },
      doc.periodStart.clause,
      'periodStart.clause',
    );
  }
  const unverified = {} as Record<VerifiableFact, DecisionReason>;
  for (const fact of VERIFIABLE_FACTS) {
    unverified[fact] = reason(
      { code: 'unverified_fact', effect: 'note', fact },
      doc.periodStart.clause,
      'periodStart.clause',
    );
  }

  const documents = doc.documents && {
    mode: doc.documents.mode,
    items: doc.documents.items,
    missing: Object.fromEntries(
      doc.documents.items.map((d) => [
        d,
        reason(
          { code: 'missing_document', effect: 'excludes', document: d },
          doc.documents?.clause ?? '',
          'documents.clause',
        ),
      ]),
    ) as Partial<Record<DocumentKind, DecisionReason>>,
  };

  const findings = new Map<FindingCode, DecisionReason[]>();
  const addFinding = (f: FindingCode, r: DecisionReason): void => {
    const list = findings.get(f) ?? [];
    list.push(r);
    findings.set(f, list);
  };
  for (const [i, ex] of doc.exclusions.entries()) {
    for (const f of ex.findings) {
      addFinding(
        f,
        reason(
          { code: 'excluded_finding', effect: 'excludes', finding: f },
          ex.clause,
          `exclusions[${i}].clause`,
        ),
      );
    }
  }
  for (const [i, adv] of doc.advisories.entries()) {
    for (const f of adv.findings) {
      addFinding(
        f,
        reason(
          { code: 'advisory', effect: 'note', finding: f, advisory: adv.advisory },
          adv.clause,
          `advisories[${i}].clause`,
        ),
      );
    }
  }

  const compiled: CompiledPolicy = {
    id: doc.id,
    brand: doc.brand,
    version: doc.version,
    title: doc.title,
    document: doc,
    clauses,
    coverage,
    startRule: doc.periodStart.rule,
    startFrom: doc.periodStart.from,
    startReasons,
    documents,
    sticker: doc.sticker && {
      notCovered: new Set(doc.sticker.notCovered),
      reason: reason(
        { code: 'sticker_not_intact', effect: 'excludes' },
        doc.sticker.clause,
        'sticker.clause',
      ),
    },
    purchasedAbroad:
      doc.purchaseCountry &&
      reason(
        { code: 'purchased_abroad', effect: 'excludes' },
        doc.purchaseCountry.clause,
        'purchaseCountry.clause',
      ),
    channels: doc.channels && {
      covered: new Set(doc.channels.covered),
      reason: reason(
        { code: 'channel_not_covered', effect: 'excludes' },
        doc.channels.clause,
        'channels.clause',
      ),
    },
    findings,
    unverified,
    coveredRemedies: doc.remedies.covered.map((r, i) => ({
      option: option(r, `remedies.covered[${i}].clause`),
      channels: r.when?.channels ? new Set(r.when.channels) : null,
      withinDaysOfStart: r.when?.withinDaysOfStart ?? null,
      maxPerOrder: r.when?.maxPerOrder ?? null,
      requires: r.when?.requires ?? [],
      components: r.when?.components ? new Set(r.when.components) : null,
    })),
    notCoveredRemedies: doc.remedies.notCovered.map((r, i) =>
      option(r, `remedies.notCovered[${i}].clause`),
    ),
    repairWarranty: doc.repairWarranty && {
      period: doc.repairWarranty.period,
      clause: clause(doc.repairWarranty.clause, 'repairWarranty.clause'),
    },
  };
  const firstRefError = refErrors[0];
  if (firstRefError) return err(firstRefError);
  return ok(compiled);
}
