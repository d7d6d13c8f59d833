import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export type Live<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'error'; readonly error: unknown };

/**
 * Runs `query` and re-runs it whenever the tables it read change (Dexie's liveQuery), in this
 * window or another. `deps` work as for useEffect: a change restarts the query.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): Live<T> {
  const [live, setLive] = useState<Live<T>>({ state: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        setLive({ state: 'ready', value });
      },
      error: (error: unknown) => {
        setLive({ state: 'error', error });
      },
    });
    return () => {
      subscription.unsubscribe();
    };
    // The caller's deps decide when the query changes; `query` itself is a fresh closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return live;
}
