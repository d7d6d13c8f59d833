import type { RandomBytes } from '../shared/domain/ids';
import type { Db } from './db/types';

/** What every part of HQ works with. Time and randomness are parameters (STYLE.md 8). */
export interface HqContext {
  readonly db: Db;
  /** ms since the epoch. */
  readonly clock: () => number;
  readonly random: RandomBytes;
}
