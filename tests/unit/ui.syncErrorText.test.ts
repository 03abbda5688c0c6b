/**
 * What the sync status says when the relay refused this device: the refusals a person can act on
 * in their own words (in both languages), any other with the code for whoever helps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setLang } from '../../src/ui/i18n'
import { syncErrorText } from '../../src/ui/syncErrorText'

// setLang marks the page's language: in Node there is no page, so a stand-in for the one attribute
const g = globalThis as { document?: unknown }
const hadDocument = 'document' in g
beforeAll(() => {
  g.document ??= { documentElement: {} }
})
afterEach(() => setLang('nl'))
afterAll(() => {
  if (!hadDocument) delete g.document
})

describe('the sync status after a refusal', () => {
  it('a close that crossed a write, and a write after someone else closed the plan, say what happened and what to do', () => {
    setLang('nl')
    expect(syncErrorText('close-stale')).toMatch(
      /^Het plan is niet afgesloten: iemand schreef er op hetzelfde moment nog iets in\..*Sluit het plan af op een ander apparaat/,
    )
    expect(syncErrorText('plan-closed')).toMatch(/^Dit plan is intussen afgesloten\./)
    // no code for a person who can act on the words
    expect(syncErrorText('close-stale')).not.toContain('close-stale')
    setLang('en')
    expect(syncErrorText('close-stale')).toMatch(/^The plan was not closed: someone wrote in it at the same moment\./)
  })

  it('any other refusal says the server refuses, with its code, and that nothing is lost', () => {
    setLang('nl')
    expect(syncErrorText('R9 too-many-blobs')).toBe(
      'De server weigert de verbinding (R9 too-many-blobs). Alles wat je schreef staat veilig op dit apparaat; er gaat niets verloren.',
    )
    expect(syncErrorText(undefined)).toContain('(?)')
  })
})
