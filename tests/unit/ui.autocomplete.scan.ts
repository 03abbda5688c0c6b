/**
 * A small reader of JSX opening tags, enough to check one attribute: it skips `{…}` expressions
 * (arrows, comparisons, nested braces and strings in them) so a `>` inside one does not end the tag.
 */

export interface JsxTag {
  name: 'form' | 'input' | 'textarea'
  /** 1-based line of the tag's `<` */
  line: number
  /** attributes written as literal strings (`name="value"`); expressions are not included */
  literal: Record<string, string>
}

const TAG_START = /<(form|input|textarea)(?=[\s/>])/g

/** Every <form>, <input> and <textarea> opening tag in a source file. */
export function jsxOpeningTags(source: string): JsxTag[] {
  const tags: JsxTag[] = []
  for (const match of source.matchAll(TAG_START)) {
    const start = match.index + match[0].length
    const flat = flattenUntilTagEnd(source, start)
    const literal: Record<string, string> = {}
    for (const [, name, value] of flat.matchAll(/([A-Za-z][\w-]*)="([^"]*)"/g)) literal[name!] = value!
    tags.push({ name: match[1] as JsxTag['name'], line: source.slice(0, match.index).split('\n').length, literal })
  }
  return tags
}

/** The tag's text from `from` to its closing `>`, with every `{…}` expression replaced by `{}`. */
function flattenUntilTagEnd(source: string, from: number): string {
  let out = ''
  let depth = 0
  let quote: string | null = null
  for (let i = from; i < source.length; i++) {
    const ch = source[i]!
    if (quote) {
      if (ch === '\\') i++
      else if (ch === quote) quote = null
      if (depth === 0) out += ch
      continue
    }
    if (ch === '{') {
      if (depth === 0) out += '{}'
      depth++
    } else if (ch === '}') depth--
    else if (depth > 0) {
      if (ch === '"' || ch === "'" || ch === '`') quote = ch
    } else if (ch === '>') return out
    else {
      if (ch === '"') quote = ch
      out += ch
    }
  }
  throw new Error(`unterminated tag at ${from}`)
}

/** Input types that hold no typed text: no autofill entry, nothing of the plan in their state. */
const NO_TEXT_TYPES = new Set(['checkbox', 'radio', 'file', 'hidden', 'submit', 'button', 'reset'])

/**
 * What a field may say: `off` for everything that can hold plan text; the password manager's own
 * tokens for the passphrase fields and the fixed username beside them (PassphraseFields.tsx).
 */
const ALLOWED_FIELD_TOKENS = new Set(['off', 'new-password', 'current-password', 'username'])

/** True when the tag lacks the autocomplete it needs: `off` on a form, an allowed literal on a text field. */
export function missingAutocomplete(tag: JsxTag): boolean {
  const value = tag.literal['autocomplete']
  if (tag.name === 'form') return value !== 'off'
  if (tag.name === 'input' && NO_TEXT_TYPES.has(tag.literal['type'] ?? '')) return false
  return value === undefined || !ALLOWED_FIELD_TOKENS.has(value)
}
