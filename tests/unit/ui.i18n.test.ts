/**
 * Every topic's English text names the same {placeholders} as its Dutch twin (the type checker
 * holds callers to the Dutch ones), and the translator fills them. Every key is used somewhere in
 * src/, so a dictionary holds only text someone can see.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { consentNl } from '../../src/ui/i18n/consent.nl'
import { consentEn } from '../../src/ui/i18n/consent.en'
import { devicesNl } from '../../src/ui/i18n/devices.nl'
import { devicesEn } from '../../src/ui/i18n/devices.en'
import { documentsNl } from '../../src/ui/i18n/documents.nl'
import { documentsEn } from '../../src/ui/i18n/documents.en'
import { editorNl } from '../../src/ui/i18n/editor.nl'
import { editorEn } from '../../src/ui/i18n/editor.en'
import { formsNl } from '../../src/ui/i18n/forms.nl'
import { formsEn } from '../../src/ui/i18n/forms.en'
import { guestNl } from '../../src/ui/i18n/guest.nl'
import { closureNl } from '../../src/ui/i18n/closure.nl'
import { closureEn } from '../../src/ui/i18n/closure.en'
import { eraseNl } from '../../src/ui/i18n/erase.nl'
import { eraseEn } from '../../src/ui/i18n/erase.en'
import { guestEn } from '../../src/ui/i18n/guest.en'
import { homeNl } from '../../src/ui/i18n/home.nl'
import { homeEn } from '../../src/ui/i18n/home.en'
import { instemmingNl } from '../../src/ui/i18n/instemming.nl'
import { instemmingEn } from '../../src/ui/i18n/instemming.en'
import { meetingNl } from '../../src/ui/i18n/meeting.nl'
import { meetingEn } from '../../src/ui/i18n/meeting.en'
import { joinNl } from '../../src/ui/i18n/join.nl'
import { joinEn } from '../../src/ui/i18n/join.en'
import { lockNl } from '../../src/ui/i18n/lock.nl'
import { lockEn } from '../../src/ui/i18n/lock.en'
import { navNl } from '../../src/ui/i18n/nav.nl'
import { navEn } from '../../src/ui/i18n/nav.en'
import { planNl } from '../../src/ui/i18n/plan.nl'
import { planEn } from '../../src/ui/i18n/plan.en'
import { planViewNl } from '../../src/ui/i18n/planView.nl'
import { planViewEn } from '../../src/ui/i18n/planView.en'
import { pwaNl } from '../../src/ui/i18n/pwa.nl'
import { pwaEn } from '../../src/ui/i18n/pwa.en'
import { settingsNl } from '../../src/ui/i18n/settings.nl'
import { settingsEn } from '../../src/ui/i18n/settings.en'
import { shareNl } from '../../src/ui/i18n/share.nl'
import { shareEn } from '../../src/ui/i18n/share.en'
import { shellNl } from '../../src/ui/i18n/shell.nl'
import { shellEn } from '../../src/ui/i18n/shell.en'
import { teamNl } from '../../src/ui/i18n/team.nl'
import { teamEn } from '../../src/ui/i18n/team.en'
import { attachmentsNl } from '../../src/ui/i18n/attachments.nl'
import { attachmentsEn } from '../../src/ui/i18n/attachments.en'
import { extractNl } from '../../src/ui/i18n/extract.nl'
import { extractEn } from '../../src/ui/i18n/extract.en'
import { signalsNl } from '../../src/ui/i18n/signals.nl'
import { signalsEn } from '../../src/ui/i18n/signals.en'
import { requestNl } from '../../src/ui/i18n/request.nl'
import { requestEn } from '../../src/ui/i18n/request.en'
import { prepNl } from '../../src/ui/i18n/prep.nl'
import { prepEn } from '../../src/ui/i18n/prep.en'
import { meetingPrepNl } from '../../src/ui/i18n/meetingPrep.nl'
import { meetingPrepEn } from '../../src/ui/i18n/meetingPrep.en'
import { childVoiceNl } from '../../src/ui/i18n/childVoice.nl'
import { childVoiceEn } from '../../src/ui/i18n/childVoice.en'
import { oppNl } from '../../src/ui/i18n/opp.nl'
import { oppEn } from '../../src/ui/i18n/opp.en'
import { dueNl } from '../../src/ui/i18n/due.nl'
import { dueEn } from '../../src/ui/i18n/due.en'
import { createTranslator, fillPlaceholders } from '../../src/ui/i18n/translator'

/** Every topic; the first six make up the app shell's `t` (src/ui/i18n/index.ts), the others have a translator each. */
const TOPICS: Record<string, [Record<string, string>, Record<string, string>]> = {
  shell: [shellNl, shellEn],
  home: [homeNl, homeEn],
  planView: [planViewNl, planViewEn],
  share: [shareNl, shareEn],
  join: [joinNl, joinEn],
  lock: [lockNl, lockEn],
  settings: [settingsNl, settingsEn],
  consent: [consentNl, consentEn],
  devices: [devicesNl, devicesEn],
  documents: [documentsNl, documentsEn],
  editor: [editorNl, editorEn],
  forms: [formsNl, formsEn],
  guest: [guestNl, guestEn],
  instemming: [instemmingNl, instemmingEn],
  meeting: [meetingNl, meetingEn],
  nav: [navNl, navEn],
  signals: [signalsNl, signalsEn],
  plan: [planNl, planEn],
  pwa: [pwaNl, pwaEn],
  team: [teamNl, teamEn],
  attachments: [attachmentsNl, attachmentsEn],
  request: [requestNl, requestEn],
  prep: [prepNl, prepEn],
  childVoice: [childVoiceNl, childVoiceEn],
  meetingPrep: [meetingPrepNl, meetingPrepEn],
  extract: [extractNl, extractEn],
  opp: [oppNl, oppEn],
  closure: [closureNl, closureEn],
  erase: [eraseNl, eraseEn],
  due: [dueNl, dueEn],
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The source files under src/, without the dictionaries themselves (nl.ts, consent.en.ts …). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(e.name) && !/(^|\.)(nl|en)\.ts$/.test(e.name) ? [path] : []
  })
}

const read = (dir: string) =>
  sourceFiles(dir)
    .map((path) => readFileSync(join(ROOT, path), 'utf8'))
    .join('\n')

/** Every quoted string in src/: a key written out, `'goals.title'`. */
const LITERALS = new Set([...read('src').matchAll(/(['"`])([\w.-]+)\1/g)].map((m) => m[2]!))

/**
 * The fixed start of every template literal in src/ui/ that goes on with `${…}`: `status.${s}`
 * gives "status.". Only the UI's: the plan's own templates are paths in the document
 * (`goals.${id}.title`), and counting them would let every `goals.` key pass.
 */
const PREFIXES = [...new Set([...read('src/ui').matchAll(/`([\w.-]+)\$\{/g)].map((m) => m[1]!))]

const isUsed = (key: string) => LITERALS.has(key) || PREFIXES.some((prefix) => key.startsWith(prefix))

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('i18n dictionaries', () => {
  for (const [topic, [dutch, english]] of Object.entries(TOPICS)) {
    it(`${topic}: English has exactly the Dutch keys, with the same placeholders`, () => {
      expect(Object.keys(english).sort()).toEqual(Object.keys(dutch).sort())
      const mismatched = Object.keys(dutch).filter((k) => placeholders(dutch[k]!).join() !== placeholders(english[k]!).join())
      expect(mismatched).toEqual([])
    })
  }

  for (const [topic, [dutch]] of Object.entries(TOPICS)) {
    it(`${topic}: every key is used in src/, written out or as the start of a template key`, () => {
      expect(Object.keys(dutch).filter((key) => !isUsed(key))).toEqual([])
    })
  }

  it('no key is in two dictionaries, so a key found in src/ is used by its own topic', () => {
    const topicsOf = new Map<string, string[]>()
    for (const [topic, [dutch]] of Object.entries(TOPICS)) for (const key of Object.keys(dutch)) topicsOf.set(key, [...(topicsOf.get(key) ?? []), topic])
    expect([...topicsOf].filter(([, topics]) => topics.length > 1)).toEqual([])
  })

  it('a translator fills the placeholders it is given and leaves unknown ones visible', () => {
    const tx = createTranslator({ greet: 'Hallo {name}', plain: 'Klaar' } as const, { greet: 'Hello {name}', plain: 'Done' })
    expect(tx('greet', { name: 'Daan' })).toBe('Hallo Daan')
    expect(tx('plain')).toBe('Klaar')
    expect(fillPlaceholders('{a} en {b}', { a: 1 })).toBe('1 en {b}')
  })
})
