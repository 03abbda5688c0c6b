import { describe, expect, it } from 'vitest'
import { lineAt } from '../../src/ui/sections/noteLine'

// Quill's text always ends in a newline
const NOTES = 'Ouders lezen elke avond\n- Mentor belt elke vrijdag\n\nLaatste regel\n'

describe('lineAt: the line of meeting notes a goal or afspraak is made from', () => {
  it('takes the whole line the cursor is in, wherever in the line', () => {
    expect(lineAt(NOTES, { index: 0, length: 0 })).toBe('Ouders lezen elke avond')
    expect(lineAt(NOTES, { index: 10, length: 0 })).toBe('Ouders lezen elke avond')
    expect(lineAt(NOTES, { index: 23, length: 0 })).toBe('Ouders lezen elke avond') // at its end
    expect(lineAt(NOTES, { index: 24, length: 0 })).toBe('- Mentor belt elke vrijdag') // start of the next
  })
  it('is empty on an empty line', () => {
    expect(lineAt(NOTES, { index: NOTES.indexOf('\n\n') + 1, length: 0 })).toBe('')
  })
  it('takes the last line without a trailing newline too', () => {
    expect(lineAt('a\nlaatste', { index: 8, length: 0 })).toBe('laatste')
  })
  it('takes the first non-empty line of a selection', () => {
    const from = NOTES.indexOf('\n\n')
    expect(lineAt(NOTES, { index: from, length: 10 })).toBe('Laatste') // the selection starts on the empty lines
    expect(lineAt(NOTES, { index: 7, length: 5 })).toBe('lezen')
  })
})
