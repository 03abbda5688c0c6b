/**
 * One way to translate: a topic's Dutch dictionary (the default, `as const` so its placeholders
 * are known to the type checker) and its English twin, in the language the app shell chose.
 * A key whose text has `{name}` placeholders must be given exactly those; a key without none.
 */
import { lang } from './lang'

/** The names of the `{placeholders}` in a literal string type. */
export type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never

/**
 * A literal key takes exactly its placeholders. A key chosen at run time (a union, e.g.
 * `status.${s}`) may take params: the type checker cannot tell which text it will be.
 */
type ParamsOf<D, K extends keyof D> =
  true extends IsUnion<K>
    ? [params?: Record<string, string | number>]
    : [Placeholders<D[K]>] extends [never]
      ? []
      : [params: Record<Placeholders<D[K]>, string | number>]

export type Translate<D extends Record<string, string>> = <K extends keyof D & string>(key: K, ...params: ParamsOf<D, K>) => string

export function fillPlaceholders(template: string, params?: Record<string, string | number>): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

export function createTranslator<D extends Record<string, string>>(nl: D, en: Record<keyof D, string>): Translate<D> {
  const dictionaries = { nl, en } as const
  return (key, ...params) => fillPlaceholders(dictionaries[lang()][key] ?? nl[key] ?? key, params[0])
}
