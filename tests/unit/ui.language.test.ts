/**
 * Issue 10 §6: what a parent reads has no developer words. Every Dutch dictionary in
 * src/ui/i18n (found by file name, so a new topic is checked without being listed here) is
 * scanned for the words that crept in before: "compactie", "synchronisatie", "sleutel",
 * "wijziging(en)", a plural written as "(en)", and "Let erop" as a label. The English twins are
 * held to the same idea with their own words ("sync", "compaction", "key", "(s)").
 */
import { describe, expect, it } from 'vitest'

interface Forbidden {
  pattern: RegExp
  /** what to write instead, shown when the test fails */
  instead: string
}

const FORBIDDEN_NL: Forbidden[] = [
  { pattern: /compactie/i, instead: 'say what happened: "Plan samengevoegd"' },
  { pattern: /synchronis/i, instead: '"bijgewerkt", "verstuurd", "nog niet verstuurd"' },
  // the whole word only: "versleuteld" is a word a parent knows from their chat app
  { pattern: /\bsleutels?\b/i, instead: '"ondertekend met dit apparaat", "het plan wordt opnieuw beveiligd"' },
  { pattern: /wijziging/i, instead: '"aanpassing" / "aanpassingen"' },
  { pattern: /\w\((en|n|s)\)/, instead: 'a text for one and a text for more (a `.one` key), or a wording without a plural' },
  { pattern: /\blet erop\b/i, instead: '"Wie houdt dit in de gaten?"' },
]

const FORBIDDEN_EN: Forbidden[] = [
  { pattern: /compaction/i, instead: '"Plan merged"' },
  { pattern: /\bsync/i, instead: '"up to date", "sent", "not sent yet"' },
  { pattern: /\bkeys?\b/i, instead: '"signed with this device", "the plan is secured again"' },
  { pattern: /\w\(s\)/, instead: 'a text for one and a text for more (a `.one` key)' },
]

/**
 * Texts that may keep a forbidden word, each with the reason. Empty today; an entry that no
 * longer matches fails the last test, so the list cannot outlive its reason.
 */
const ALLOWED: { key: string; pattern: RegExp; why: string }[] = []

type Dictionary = Record<string, string>

/** Every exported dictionary of every `<topic>.<lang>.ts` file: the objects whose values are all text. */
function dictionaries(modules: Record<string, unknown>): Map<string, Dictionary> {
  const found = new Map<string, Dictionary>()
  for (const [file, mod] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(mod as Record<string, unknown>)) {
      if (value && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string')) found.set(`${file}#${name}`, value as Dictionary)
    }
  }
  return found
}

const DUTCH = dictionaries(import.meta.glob('../../src/ui/i18n/*.nl.ts', { eager: true }))
const ENGLISH = dictionaries(import.meta.glob('../../src/ui/i18n/*.en.ts', { eager: true }))

/** Placeholder names ({key}, {n}) are code, not words a reader sees. */
const visible = (text: string) => text.replace(/\{\w+\}/g, '')

/** "key: text ← pattern (say … instead)" for every text that has a forbidden word and is not allowed. */
function findDeveloperWords(dicts: Map<string, Dictionary>, forbidden: Forbidden[]): string[] {
  const hits: string[] = []
  for (const dict of dicts.values()) {
    for (const [key, text] of Object.entries(dict)) {
      for (const { pattern, instead } of forbidden) {
        if (!pattern.test(visible(text))) continue
        if (ALLOWED.some((a) => a.key === key && a.pattern.source === pattern.source)) continue
        hits.push(`${key}: "${text}" ← ${pattern} (say ${instead})`)
      }
    }
  }
  return hits
}

describe('language a parent understands (issue 10 §6)', () => {
  it('the scan reaches every topic: the shell, the team view, and the newest ones alike', () => {
    expect(DUTCH.size).toBeGreaterThanOrEqual(28)
    expect(ENGLISH.size).toBe(DUTCH.size)
    const keys = new Set([...DUTCH.values()].flatMap((d) => Object.keys(d)))
    for (const key of ['status.synced', 'activity.snapshot', 'inst.dialog.after', 'goals.owner', 'childVoice.title']) expect(keys, key).toContain(key)
  })

  it('each forbidden word is caught where it used to be, and a plain text passes', () => {
    const old = new Map<string, Dictionary>([
      [
        'old',
        {
          a: 'Plan samengevoegd (compactie)',
          b: 'Gesynchroniseerd',
          c: 'Ondertekend met de sleutel van dit apparaat.',
          d: '{n} wijziging(en) wachten',
          e: '{n} bijlage(n) wachten',
          f: 'Let erop',
          plain: 'Alles wordt versleuteld. Let op: 3 aanpassingen nog niet verstuurd (nog even wachten).',
        },
      ],
    ])
    const hits = findDeveloperWords(old, FORBIDDEN_NL).map((h) => h.split(':')[0])
    expect(new Set(hits)).toEqual(new Set(['a', 'b', 'c', 'd', 'e', 'f']))
    const oldEn = new Map<string, Dictionary>([
      ['old', { a: 'Synced', b: 'Plan merged (compaction)', c: 'The plan gets a new key.', d: '{n} change(s)', plain: '{label} ({key})' }],
    ])
    expect(new Set(findDeveloperWords(oldEn, FORBIDDEN_EN).map((h) => h.split(':')[0]))).toEqual(new Set(['a', 'b', 'c', 'd']))
  })

  it('no Dutch text has a developer word', () => {
    expect(findDeveloperWords(DUTCH, FORBIDDEN_NL)).toEqual([])
  })

  it('no English text has one either', () => {
    expect(findDeveloperWords(ENGLISH, FORBIDDEN_EN)).toEqual([])
  })

  it('every allowed exception still exists and still needs its allowance', () => {
    const all = new Map([...DUTCH.values(), ...ENGLISH.values()].flatMap((d) => Object.entries(d)))
    for (const a of ALLOWED) expect(a.pattern.test(visible(all.get(a.key) ?? '')), `${a.key}: ${a.why}`).toBe(true)
  })
})
