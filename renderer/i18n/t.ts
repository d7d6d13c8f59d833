import { en, type MessageKey } from './en';

export type { MessageKey };

export type Catalog = Readonly<Record<MessageKey, string>>;
export type Translate = (
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
) => string;

/** A translator over one catalog: the text for `key`, with `{name}` placeholders filled. */
export function createTranslator(catalog: Catalog): Translate {
  return (key, params) => {
    const text = catalog[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      return v === undefined ? whole : String(v);
    });
  };
}

/** English is the only catalog so far; a second language adds a file and a setting. */
export const t: Translate = createTranslator(en);

/** `key.one` for a count of 1, `key` otherwise (English plural rule; a catalog may add forms). */
export function tCount(
  key: MessageKey,
  count: number,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const one = `${key}.one`;
  const chosen = count === 1 && one in en ? (one as MessageKey) : key;
  return t(chosen, { count, ...params });
}
