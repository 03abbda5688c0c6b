import { foldForSearch } from '../../plan/search'

/**
 * A search snippet split into plain and matched parts, for <mark>: characters compare folded
 * (case and accents off, as searchPlan does), so "geevalueerd" marks "geëvalueerd" as written.
 */
export function markWords(snippet: string, query: string): Array<{ text: string; hit: boolean }> {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  const parts: Array<{ text: string; hit: boolean }> = []
  const chars = [...snippet]
  const folded = chars.map((c) => foldForSearch(c))
  let i = 0
  let plain = ''
  while (i < chars.length) {
    let len = 0
    for (const w of words) {
      let acc = ''
      let j = i
      while (j < chars.length && acc.length < w.length) acc += folded[j++]
      // a combining accent after the last letter folds to nothing: it belongs to the match
      while (j < chars.length && folded[j] === '') j++
      if (acc === w) len = Math.max(len, j - i)
    }
    if (len > 0) {
      if (plain) parts.push({ text: plain, hit: false })
      plain = ''
      parts.push({ text: chars.slice(i, i + len).join(''), hit: true })
      i += len
    } else plain += chars[i++]
  }
  if (plain) parts.push({ text: plain, hit: false })
  return parts
}
