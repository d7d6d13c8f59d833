import type { WarrantyDecision, WarrantyFacts } from '../../shared/warranty/types';
import { explainReason } from '../i18n/explain';
import { vocabulary } from '../i18n/vocabulary';

const EFFECT_MARK = { covers: '✓', excludes: '✗', note: 'i' } as const;

/**
 * The warranty decision, explained clause by clause: the verdict first (Covered / Not covered,
 * Free / Paid), the dates, then each reason with the clause of the brand's policy it rests on.
 */
export function DecisionPanel({
  decision,
  facts,
  title = 'Warranty decision',
  brandName,
}: {
  decision: WarrantyDecision | null;
  facts: WarrantyFacts | null;
  title?: string;
  brandName?: string;
}) {
  return (
    <section className="decision panel" aria-label="Warranty decision">
      <h2>{title}</h2>
      {decision === null || facts === null ? (
        <p className="muted">Choose the brand and fill in the dates to see the decision.</p>
      ) : (
        <DecisionBody decision={decision} facts={facts} brandName={brandName} />
      )}
    </section>
  );
}

function DecisionBody({
  decision: d,
  facts,
  brandName,
}: {
  decision: WarrantyDecision;
  facts: WarrantyFacts;
  brandName: string | undefined;
}) {
  return (
    <>
      <div className={`verdict ${d.covered ? 'covered' : 'not-covered'}`} aria-live="polite">
        <span className="verdict-main">{d.covered ? 'Covered' : 'Not covered'}</span>
        <span className="verdict-charge">{d.charge === 'free' ? 'Free' : 'Paid'}</span>
        {d.provisional ? <span className="badge warn">Provisional</span> : null}
      </div>
      <dl className="decision-facts">
        <dt>Warranty start</dt>
        <dd>
          {d.warrantyStart ?? '—'}
          {d.warrantyStartSource ? ` (${vocabulary.startDate[d.warrantyStartSource]})` : ''}
        </dd>
        <dt>Last covered day</dt>
        <dd data-testid="last-covered-day">{d.lastCoveredDay ?? '—'}</dd>
        <dt>Days left</dt>
        <dd>{d.daysLeft ?? '—'}</dd>
        <dt>Policy</dt>
        <dd>
          {brandName ?? d.policyId} v{d.policyVersion}
        </dd>
      </dl>
      {d.missingEvidence.length > 0 ? (
        <p className="notice warn">
          Ask for: {d.missingEvidence.map((e) => vocabulary.document[e]).join(', ')}. Showing it may
          change the decision.
        </p>
      ) : null}
      <h3>Why</h3>
      <ol className="reasons">
        {d.reasons.map((r, i) => (
          <li key={`${r.code}-${r.clauseId}-${String(i)}`} className={`reason ${r.effect}`}>
            <span className="mark" aria-hidden="true">
              {EFFECT_MARK[r.effect]}
            </span>
            <div>
              <div>{explainReason(r, d, facts)}</div>
              <blockquote className="clause">
                <span className="clause-id">{r.clauseId}</span> “{r.clauseText}”
              </blockquote>
            </div>
          </li>
        ))}
      </ol>
      <h3>{d.covered ? 'The customer gets' : 'The customer can still have'}</h3>
      <ul className="remedies">
        {d.remedies.map((r) => (
          <li key={`${r.remedy}-${r.clauseId ?? 'center'}`}>
            <strong>{vocabulary.remedy[r.remedy]}</strong>
            {r.clauseId ? (
              <span className="muted"> — {r.clauseId}</span>
            ) : (
              <span className="muted"> — the center’s own chargeable service</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
