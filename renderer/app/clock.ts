import { formatCivil, type PlainDate } from '../../shared/dates/plainDate';

/**
 * "Today" is the center's local calendar date, read once at the edge and passed in (DESIGN.md):
 * never a UTC slice of a timestamp, which is yesterday or tomorrow near midnight in many zones.
 */
export function localPlainDate(now: Date): PlainDate {
  return formatCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
