import { describe, expect, it } from 'vitest'
import { markWords } from '../../src/ui/components/markWords'

const marked = (snippet: string, query: string) =>
  markWords(snippet, query)
    .map((p) => (p.hit ? `[${p.text}]` : p.text))
    .join('')

describe('search snippet marks', () => {
  it('marks every word of the query where it occurs, case- and accent-insensitive, keeping the text as written', () => {
    expect(marked('Doel is geëvalueerd: Lezen gaat goed', 'GEEVALUEERD lezen')).toBe('Doel is [geëvalueerd]: [Lezen] gaat goed')
    expect(marked('zwembad, zwemles en zwem', 'zwem')).toBe('[zwem]bad, [zwem]les en [zwem]')
  })

  it('leaves a snippet without a match whole, and an empty query marks nothing', () => {
    expect(markWords('Sam leest', 'rekenen')).toEqual([{ text: 'Sam leest', hit: false }])
    expect(markWords('Sam leest', '  ')).toEqual([{ text: 'Sam leest', hit: false }])
  })

  it('marks decomposed accents (NFD) as one match with their base letter', () => {
    const nfd = 'Cafe\u0301 bezoek'
    expect(marked(nfd, 'café')).toBe(`[Cafe\u0301] bezoek`)
  })
})
