/**
 * The app shell's translator `t`, and the shared date formats. Dutch first, English second.
 *
 * Which topic lives where. Every topic is a pair `<topic>.nl.ts` (the Dutch text, `as const`, so
 * the type checker knows each key's {placeholders}) and `<topic>.en.ts` (typed to have every
 * Dutch key). A key lives in the topic of the view that shows it, or of the feature it reports
 * on when another view shows it (lock.wiped on the welcome screen, guest.ended in the sync status,
 * invite.blocked from consent in the share dialog).
 *
 * Spread into `t` (this file), so a call site never says which file a key is in:
 * - shell: the frame (app.*, header and footer links, a11y.*, lang.*), and what several views
 *   share: role.*, the sync status (status.*), error.generic and error.retry
 * - home: the first run (welcome.*) and the home screen (home.*, with each plan card's summary)
 * - planView: the plan view's frame (plan.*), presence.*, the voices section (voices.*)
 * - share: inviting someone (share.*) and accepting an invitation (join.*); an invite link's check before a profile exists has its own topic, join.ts (tJoin)
 * - lock: the lock screen (lock.*, time.*), choosing a passphrase (pass.*), the shared computer
 *   (shared.*) and protecting a profile (protect.*)
 * - settings: the settings view (settings.*)
 *
 * A translator of its own, for the views of one topic (the same createTranslator, ./translator):
 * - tPlan (plan.ts): the plan sections, from planstatus to overleggen, and the plan date formats
 * - tDocs (documents.ts): onderbouwing, print view, meeting link
 * - tTeam (team.ts): the team view and the activity view
 * - tConsent (consent.ts): consent and parties; tGuest (guest.ts): a time-limited membership
 * - tDevices (devices.ts): my devices, linking a device; tInstemming (instemming.ts): instemming
 *   and the contributor line
 * - tRequest (request.ts): around the request to the gemeente: its gaps, the parents' "klopt",
 *   what is asked and who pays, why a step of help was not enough
 * - tEditor (editor.ts): editor toolbar, undo, plan search; tPwa (pwa.ts): updates, storage,
 *   installing, plan files
 * - tExtract (extract.ts): sharing a document with an organisation, opening a shared link, the
 *   list of shared documents in Activiteit
 * - tOpp (opp.ts): the OPP as the law asks it: uitstroombestemming and its factors, the
 *   handelingsdeel, the talks with the parents, disagreeing, the vaststelling by the school
 * - tClosure (closure.ts): closing and reopening a plan, the plan as a JSON file, the warme overdracht
 * - tErase (erase.ts): keeping a plan (its retention end) and erasing it on request
 * - tMeeting (meeting.ts): a meeting with a method (kinds, agenda items, roles, timer, lines into
 *   the plan, templates) and its verslag with "klopt"
 * - tNav (nav.ts): the plan's section menu, "Voor jou" (plan and home), what each choice in a
 *   decision means
 * - tPrep (prep.ts): preparing a meeting (prep.*); tChild (childVoice.ts): the child's own form,
 *   "Hoe denk jij erover?" (childVoice.*); tMeetingPrep (meetingPrep.ts): where a meeting meets its
 *   preparation (the parents' answers in meeting mode, "Voorbereiden" in the list of meetings)
 * - tDue (due.ts): an afspraak's date ("Uiterlijk op"), the reminder when it is near or past, and
 *   which pushes this device gets (all, only my afspraken and meetings, none)
 */
import { lang } from './lang'
import { createTranslator } from './translator'
import { homeEn } from './home.en'
import { homeNl } from './home.nl'
import { lockEn } from './lock.en'
import { lockNl } from './lock.nl'
import { planViewEn } from './planView.en'
import { planViewNl } from './planView.nl'
import { settingsEn } from './settings.en'
import { settingsNl } from './settings.nl'
import { shareEn } from './share.en'
import { shareNl } from './share.nl'
import { shellEn } from './shell.en'
import { shellNl } from './shell.nl'

export { lang, setLang, type Lang } from './lang'

/** The app shell's topics as one dictionary (tests/unit/ui.i18n.test.ts checks no key is in two). */
const nl = { ...shellNl, ...homeNl, ...planViewNl, ...shareNl, ...lockNl, ...settingsNl }
export type MessageKey = keyof typeof nl
const en: Record<MessageKey, string> = { ...shellEn, ...homeEn, ...planViewEn, ...shareEn, ...lockEn, ...settingsEn }

export const t = createTranslator(nl, en)

/** One formatter per language and style: making one costs far more than using it (lists format hundreds). */
const formats = new Map<string, Intl.DateTimeFormat>()
function formatter(style: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const locale = lang() === 'nl' ? 'nl-NL' : 'en-GB'
  const key = `${locale} ${style}`
  let format = formats.get(key)
  if (!format) {
    const options: Intl.DateTimeFormatOptions = style === 'time' ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'long', timeStyle: 'short' }
    formats.set(key, (format = new Intl.DateTimeFormat(locale, options)))
  }
  return format
}

export function formatTime(ms: number): string {
  return formatter('time').format(ms)
}

export function formatDateTime(ms: number): string {
  return formatter('dateTime').format(ms)
}
