import { useCallback, useEffect, useRef, useState } from 'react';
import { BRAND_NAMES } from '../../../shared/domain/brand';
import { isTicketStatus, TICKET_STATUSES, type TicketStatus } from '../../../shared/domain/ticket';
import type { SearchText } from '../../../shared/domain/search';
import { searchTickets, type PageCursor, type TicketSummary } from '../../data/queries';
import { useNavigate, useSearchParams } from '../../app/routing';
import { useServices } from '../../app/services';
import { SelectField, TextField } from '../../components/fields';
import { VirtualList } from '../../components/VirtualList';
import { vocabulary } from '../../i18n/vocabulary';
import { t, tCount } from '../../i18n/t';

const PAGE = 100;
const ROW = 46;

interface ListState {
  /** The search these rows answer; while it differs from the current one, a search is running. */
  readonly key: string | null;
  readonly items: readonly TicketSummary[];
  readonly next: PageCursor | null;
  readonly matchedAs: SearchText['kind'];
}

export function TicketsScreen() {
  const { db } = useServices();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const statusParam = params.get('status') ?? '';
  const status: TicketStatus | null = isTicketStatus(statusParam) ? statusParam : null;
  const [typed, setTyped] = useState(text);
  const [list, setList] = useState<ListState>({
    key: null,
    items: [],
    next: null,
    matchedAs: 'all',
  });
  const search = useRef<HTMLInputElement>(null);
  const loadingMore = useRef(false);

  useEffect(() => {
    search.current?.focus();
  }, []);

  // The search box updates the address (so Back works) shortly after typing stops.
  useEffect(() => {
    if (typed === text) return;
    const id = setTimeout(() => {
      const next = new URLSearchParams(params);
      if (typed.trim() === '') next.delete('q');
      else next.set('q', typed);
      setParams(next, { replace: true });
    }, 150);
    return () => {
      clearTimeout(id);
    };
  }, [typed, text, params, setParams]);

  const key = `${status ?? ''}|${text}`;
  useEffect(() => {
    let stale = false;
    void searchTickets(db, { text, status, limit: PAGE }).then((page) => {
      if (stale) return;
      setList({ key, items: page.items, next: page.next, matchedAs: page.matchedAs });
    });
    return () => {
      stale = true;
    };
  }, [db, text, status, key]);
  const loading = list.key !== key;

  const loadMore = useCallback(() => {
    if (list.next === null || loadingMore.current) return;
    loadingMore.current = true;
    void searchTickets(db, { text, status, limit: PAGE, after: list.next }).then((page) => {
      loadingMore.current = false;
      setList((l) => ({ ...l, items: [...l.items, ...page.items], next: page.next }));
    });
  }, [db, list.next, text, status]);

  return (
    <div className="stack">
      <h1>{t('nav.tickets')}</h1>
      <div className="panel search-bar">
        <TextField
          label={t('tickets.search')}
          type="search"
          inputRef={search}
          value={typed}
          onChange={setTyped}
          hint={t('tickets.search.hint')}
          onEnter={() => {
            const first = list.items[0];
            if (first !== undefined) void navigate(`/tickets/${first.ticket.id}`);
          }}
        />
        <SelectField
          label={t('tickets.status')}
          value={status ?? ''}
          options={[
            { value: '', label: t('tickets.allStatuses') },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: vocabulary.status[s] })),
          ]}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v === '') next.delete('status');
            else next.set('status', v);
            setParams(next, { replace: true });
          }}
        />
      </div>
      <p className="muted" role="status" aria-live="polite">
        {loading
          ? t('loading')
          : list.items.length === 0
            ? t('tickets.none')
            : tCount('tickets.shown', list.next === null ? list.items.length : 2, {
                count: list.items.length,
                more: list.next === null ? '' : '+',
                as: t(`tickets.as.${list.matchedAs}`),
              })}
      </p>
      {list.items.length > 0 ? (
        <VirtualList
          label={t('tickets.list')}
          items={list.items}
          rowHeight={ROW}
          height={Math.min(640, Math.max(ROW * 3, list.items.length * ROW))}
          onNearEnd={loadMore}
          header={
            <div className="vlist-head" role="row">
              <span role="columnheader">{t('tickets.number')}</span>
              <span role="columnheader">{t('tickets.visit')}</span>
              <span role="columnheader">{t('tickets.customer')}</span>
              <span role="columnheader">{t('tickets.watch')}</span>
              <span role="columnheader">{t('tickets.status')}</span>
              <span role="columnheader">{t('tickets.warranty')}</span>
            </div>
          }
          renderRow={({ ticket, customer, device }) => (
            <a
              className="ticket-row"
              href={`#/tickets/${ticket.id}`}
              onClick={(e) => {
                e.preventDefault();
                void navigate(`/tickets/${ticket.id}`);
              }}
            >
              <span role="cell" className="mono">
                {ticket.number}
              </span>
              <span role="cell">{ticket.visitDate}</span>
              <span role="cell" className="clip">
                {customer?.name ?? '—'} <span className="muted">{customer?.phone ?? ''}</span>
              </span>
              <span role="cell" className="clip">
                {BRAND_NAMES[ticket.brand]} {device?.model ?? ''}{' '}
                <span className="mono muted">{ticket.serial}</span>
              </span>
              <span role="cell">
                <span className={`badge status-${ticket.status}`}>
                  {vocabulary.status[ticket.status]}
                </span>
              </span>
              <span role="cell">
                <span className={`badge ${ticket.decision.covered ? 'ok' : 'bad'}`}>
                  {ticket.decision.covered ? 'Covered' : 'Not covered'}
                </span>
              </span>
            </a>
          )}
        />
      ) : null}
    </div>
  );
}
