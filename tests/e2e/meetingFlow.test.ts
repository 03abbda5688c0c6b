/**
 * A whole meeting (issue 10, "Tests and figures") in the built PWA with the real relay, three
 * people in three browser contexts: Bram, the school's IB'er, starts an MDO and chairs it; Fatima,
 * a mother with gezag (contributor), and Kees, a care worker of another organisation (editor,
 * invited after the mother's consent, R12). Each prepares the meeting from "Voor jou" and sees
 * what the others prepared; all three write the notes live, the mother only once the chair
 * confirmed her presence (P9); the chair turns a line of the notes into a goal, an afspraak, a
 * factor, a need and an observation, each linking back to the meeting; the mother says "klopt"
 * on the verslag, signed, and the chair sees it. Kees, who left the meeting early, then finds
 * what was made in "Nieuw sinds je laatste bezoek" and the goal's evaluation and the next
 * meeting under the reminders. axe-core (no serious or critical finding) on every view visited.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { hasChromium, screenshot, typeAtEnd, useApp, waitForSyncState, waitForText, type Device, type Person } from './helpers'
import { agendaItem, dutchDate, seriousAxeViolations, todayIso } from './sectionHelpers'

const SCHOOL = 'Basisschool De Regenboog'
const CARE = 'Jeugdhulp De Brug'
const IB = 'Bram (IB)'
const MUM = 'Fatima (moeder)'
const CARER = 'Kees (jeugdhulp)'

/** Days from today, as the app's date fields take them. */
const inDays = (n: number) => {
  const d = new Date()
  d.setDate(d.getDate() + n)
  return todayIso(d)
}
const TODAY = todayIso()
const GOAL_DATE = inDays(14)
const NEXT_DATE = inDays(10)

/**
 * The visible words this test depends on, in one place (wording may change; labels and roles
 * are what the test drives by).
 */
const SAYS = {
  forYou: 'Voor jou',
  prepareAsk: `Bereid het overleg van ${dutchDate(TODAY)} voor`,
  prepTitle: `Voorbereiding: overleg van ${dutchDate(TODAY)}`,
  prepOthers: 'Wat anderen hebben voorbereid',
  prepBy: (name: string) => `Van ${name}`,
  prepDiscuss: 'Wat wil ik bespreken?',
  prepGoesWell: 'Wat gaat goed?',
  backToPlan: 'Terug naar het plan',
  meetingType: /^MDO/,
  startMeeting: 'Overleg starten',
  meetingName: `MDO op ${dutchDate(TODAY)}`,
  openMeeting: (name: string) => `Openen: ${name}`,
  confirmPresence: (name: string) => `Aanwezig: ${name}`,
  myself: (name: string) => `${name} (jij)`,
  notes: (item: string) => `Notities: ${item}`,
  item: {
    question: 'Vraag en doel van dit gesprek',
    goesWell: 'Wat gaat goed? (kind, ouders, school)',
    worries: 'Zorgen',
    needs: 'Wat heeft het kind nodig?',
    goals: 'Doelen',
    actions: 'Afspraken',
    next: 'Volgende datum',
  },
  make: { goal: 'Maak doel', action: 'Maak afspraak', factor: 'Maak factor', need: 'Maak behoefte', observation: 'Maak observatie' },
  dialog: {
    goal: 'Doel maken van een regel',
    action: 'Afspraak maken van een regel',
    factor: 'Factor maken van een regel',
    need: 'Behoefte maken van een regel',
    observation: 'Observatie maken van een regel',
  },
  goalTitle: 'Doel',
  goalDate: /^Streefdatum/,
  actionWhat: 'Wat spreken we af?',
  lineText: 'Tekst',
  factorDomain: 'Waar gaat het over?',
  factorDomainFree: 'Vrije tijd',
  observationWhere: 'Waar is het gezien?',
  observationHome: 'Thuis',
  save: 'Opslaan',
  nextDate: 'Datum van het volgende overleg',
  fromMeeting: `Uit gesprek: MDO op ${dutchDate(TODAY)}`,
  verslag: /^Verslag/,
  klopt: 'Het verslag klopt',
  kloptLine: (name: string) => `${name}: klopt`,
  newSince: 'Nieuw sinds je laatste bezoek',
  nothingNew: 'Niets nieuws sinds je laatste bezoek.',
  seen: 'Gezien',
  wrote: (name: string, section: string) => new RegExp(`^${name.replace(/[()]/g, '\\$&')} schreef in ${section}( \\(\\d+\\))?$`),
  section: { goals: 'Doelen', actions: 'Afspraken', factors: 'Factoren', needs: 'Behoeften', observations: 'Observaties', meetings: 'Overleggen' },
  reminders: 'Herinneringen',
  reminderMeeting: `Volgend overleg: ${dutchDate(NEXT_DATE)}`,
  reminderGoal: (goal: string) => `Evaluatie van doel “${goal}”: ${dutchDate(GOAL_DATE)}`,
  consent: 'Toestemmingen',
  consentOrganisation: 'Organisatie',
  consentPurpose: 'Waarvoor',
  consentGive: 'Toestemming geven',
} as const

/** What each person writes, and what becomes of it. */
const LINES = {
  question: 'Hoe krijgt Ravi meer rust bij toetsen?',
  mumWorry: 'Ravi slaapt slecht voor een toets',
  carerGoesWell: 'Ravi sport graag bij de judoclub',
  goal: 'Ravi leest elke dag tien minuten',
  action: 'Moeder leest elke avond voor',
  need: 'Rustige plek bij toetsen',
} as const

const notesOf = (page: Page, item: string): Locator => agendaItem(page, item).getByRole('textbox', { name: SAYS.notes(item) })

async function expectNoSeriousAxe(page: Page, where: string): Promise<void> {
  expect(await seriousAxeViolations(page), where).toEqual([])
}

/** The chair puts the cursor at the end of an item's notes (its last line) and makes that line into something. */
async function makeFromLastLine(page: Page, item: string, button: string, dialogTitle: string): Promise<Locator> {
  const notes = notesOf(page, item)
  await notes.click()
  await page.keyboard.press('Control+End')
  await agendaItem(page, item).getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: dialogTitle })
  await dialog.waitFor()
  return dialog
}

describe.skipIf(!hasChromium)('e2e: a whole meeting with three people', () => {
  const app = useApp()
  let ib: Person
  let mum: Device
  let carer: Device
  let meetingId = ''

  beforeAll(async () => {
    ib = await app.person(IB, { plan: 'Ravi', who: { party: 'professional', organisation: SCHOOL } })
    mum = await app.invitee(ib, 'contributor', MUM, { who: { party: 'gezag' } })
    // a care worker of another organisation needs the parents' consent first (R12)
    const consent = mum.page.getByRole('region', { name: SAYS.consent })
    await consent.getByLabel(SAYS.consentOrganisation, { exact: true }).fill(CARE)
    await consent.getByLabel(SAYS.consentPurpose).fill('Kees van de jeugdhulp mag het plan lezen en aanvullen.')
    await consent.getByRole('button', { name: SAYS.consentGive, exact: true }).click()
    await consent.getByRole('rowheader', { name: CARE }).waitFor({ timeout: 20_000 })
    await waitForSyncState(mum.page, 'synced')
    await ib.page.getByRole('region', { name: SAYS.consent }).getByRole('rowheader', { name: CARE }).waitFor({ timeout: 20_000 })
    carer = await app.invitee(ib, 'editor', CARER, { who: { party: 'professional', organisation: CARE } })
  }, 180_000)

  it('the IB starts an MDO; each of the three prepares it from "Voor jou" and sees what the others prepared', async () => {
    await ib.page.getByRole('radio', { name: SAYS.meetingType }).check()
    await ib.page.getByRole('button', { name: SAYS.startMeeting }).click()
    await ib.page.getByRole('heading', { level: 2, name: SAYS.meetingName }).waitFor()
    meetingId = /\/overleg\/([0-9a-f]+)/.exec(ib.page.url())?.[1] ?? ''
    expect(meetingId).toMatch(/^[0-9a-f]+$/)
    await ib.page.getByRole('button', { name: SAYS.backToPlan }).click()

    const answers: [Device, string, string][] = [
      [ib, 'Hoe het gaat met toetsen', 'Ravi doet goed mee in de klas'],
      [mum, 'Dat Ravi slecht slaapt', 'Hij leest elke avond met mij'],
      [carer, 'Hoe het thuis gaat', 'Ravi komt graag naar de judo'],
    ]
    for (const [d, discuss, goesWell] of answers) {
      const p = d.page
      // who starts a meeting is present and chairs it; that does not keep the others from being asked
      await p.getByRole('region', { name: SAYS.forYou }).getByRole('link', { name: SAYS.prepareAsk }).click({ timeout: 20_000 })
      await p.getByRole('heading', { level: 2, name: SAYS.prepTitle }).waitFor()
      for (const [question, text] of [
        [SAYS.prepDiscuss, discuss],
        [SAYS.prepGoesWell, goesWell],
      ] as const) {
        const editor = p.getByRole('textbox', { name: question })
        await typeAtEnd(p, editor, text)
        await waitForText(editor, (t) => t.includes(text), `${d.name}: ${question}`)
      }
      await expectNoSeriousAxe(p, `${d.name}: preparation`)
      if (d === carer) {
        // the last one sees the two who prepared before, under their names
        const others = p.getByRole('region', { name: SAYS.prepOthers })
        await others.getByText(SAYS.prepBy(IB)).waitFor({ timeout: 20_000 })
        await others.getByText(SAYS.prepBy(MUM)).waitFor({ timeout: 20_000 })
        await others.getByText('Hij leest elke avond met mij').waitFor({ timeout: 20_000 })
        await screenshot(p, 'meeting-flow-prep-carer')
      }
      await p.getByRole('link', { name: SAYS.backToPlan }).click()
      await p.getByRole('region', { name: SAYS.forYou }).waitFor()
      // prepared: no longer asked
      await p.getByRole('link', { name: SAYS.prepareAsk }).waitFor({ state: 'detached' })
      await expectNoSeriousAxe(p, `${d.name}: plan`)
    }
  }, 180_000)

  it('all three write the notes live; the mother once the chair confirms her presence', async () => {
    for (const d of [ib, mum, carer]) {
      await d.page.getByRole('button', { name: SAYS.openMeeting(SAYS.meetingName) }).click({ timeout: 20_000 })
      await d.page.getByRole('heading', { level: 2, name: SAYS.meetingName }).waitFor()
    }

    // P9: her own tick opens nothing; the chair's confirmation does
    const worriesMum = notesOf(mum.page, SAYS.item.worries)
    expect(await worriesMum.getAttribute('aria-readonly')).toBe('true')
    await mum.page.getByRole('checkbox', { name: SAYS.myself(MUM) }).check()
    await ib.page.getByRole('button', { name: SAYS.confirmPresence(MUM) }).click({ timeout: 20_000 })
    await mum.page.waitForFunction(() => !document.querySelector('[data-agenda="zorgen"] .ql-editor')?.getAttribute('aria-readonly'), undefined, {
      timeout: 20_000,
    })
    // confirmed, every item of this meeting's notes is open to her
    expect(await notesOf(mum.page, SAYS.item.goesWell).getAttribute('aria-readonly')).toBeNull()

    await typeAtEnd(mum.page, worriesMum, LINES.mumWorry)
    await typeAtEnd(carer.page, notesOf(carer.page, SAYS.item.goesWell), LINES.carerGoesWell)
    await typeAtEnd(ib.page, notesOf(ib.page, SAYS.item.question), LINES.question)

    // everyone sees everyone's lines, live
    const written: [string, string][] = [
      [SAYS.item.worries, LINES.mumWorry],
      [SAYS.item.goesWell, LINES.carerGoesWell],
      [SAYS.item.question, LINES.question],
    ]
    for (const d of [ib, mum, carer]) {
      for (const [item, text] of written) await waitForText(notesOf(d.page, item), (t) => t.includes(text), `${text} on ${d.name}'s device`)
    }
    for (const d of [ib, mum, carer]) await expectNoSeriousAxe(d.page, `${d.name}: meeting`)
    await screenshot(mum.page, 'meeting-flow-notes-mum')
  }, 120_000)

  it('the care worker leaves early; the chair turns lines into a goal, an afspraak, a factor, a need and an observation', async () => {
    // Kees goes back to the plan and marks what he has seen: what follows is new for him
    await carer.page.getByRole('button', { name: SAYS.backToPlan }).click()
    const fresh = carer.page.getByRole('region', { name: SAYS.newSince })
    const seen = fresh.getByRole('button', { name: SAYS.seen })
    // the others wrote notes after he last looked, so there is something to mark
    await seen.click({ timeout: 20_000 })
    await fresh.getByText(SAYS.nothingNew).waitFor()

    const p = ib.page
    // a goal, with a date to evaluate it
    await typeAtEnd(p, notesOf(p, SAYS.item.goals), LINES.goal)
    const goal = await makeFromLastLine(p, SAYS.item.goals, SAYS.make.goal, SAYS.dialog.goal)
    expect(await goal.getByLabel(SAYS.goalTitle, { exact: true }).inputValue()).toBe(LINES.goal)
    await goal.getByLabel(SAYS.goalDate).fill(GOAL_DATE)
    await expectNoSeriousAxe(p, 'IB: a line to a goal')
    await goal.getByRole('button', { name: SAYS.make.goal, exact: true }).click()
    await goal.waitFor({ state: 'hidden' })

    // an afspraak
    await typeAtEnd(p, notesOf(p, SAYS.item.actions), LINES.action)
    const action = await makeFromLastLine(p, SAYS.item.actions, SAYS.make.action, SAYS.dialog.action)
    expect(await action.getByLabel(SAYS.actionWhat).inputValue()).toBe(LINES.action)
    await action.getByRole('button', { name: SAYS.make.action, exact: true }).click()
    await action.waitFor({ state: 'hidden' })
    await agendaItem(p, SAYS.item.actions).locator('li', { hasText: LINES.action }).first().waitFor()

    // a factor, from the care worker's line
    const factor = await makeFromLastLine(p, SAYS.item.goesWell, SAYS.make.factor, SAYS.dialog.factor)
    expect(await factor.getByLabel(SAYS.lineText).inputValue()).toBe(LINES.carerGoesWell)
    await factor.getByLabel(SAYS.factorDomain).selectOption({ label: SAYS.factorDomainFree })
    await factor.getByRole('button', { name: SAYS.save }).click()
    await factor.waitFor({ state: 'hidden' })

    // a need
    await typeAtEnd(p, notesOf(p, SAYS.item.needs), LINES.need)
    const need = await makeFromLastLine(p, SAYS.item.needs, SAYS.make.need, SAYS.dialog.need)
    expect(await need.getByLabel(SAYS.lineText).inputValue()).toBe(LINES.need)
    await need.getByRole('button', { name: SAYS.save }).click()
    await need.waitFor({ state: 'hidden' })
    await agendaItem(p, SAYS.item.needs).locator('li', { hasText: LINES.need }).waitFor()

    // an observation, from the mother's line
    const observation = await makeFromLastLine(p, SAYS.item.worries, SAYS.make.observation, SAYS.dialog.observation)
    expect(await observation.getByLabel(SAYS.lineText).inputValue()).toBe(LINES.mumWorry)
    await observation.getByLabel(SAYS.observationWhere).selectOption({ label: SAYS.observationHome })
    await observation.getByRole('button', { name: SAYS.save }).click()
    await observation.waitFor({ state: 'hidden' })

    // and the next meeting
    await agendaItem(p, SAYS.item.next).getByLabel(SAYS.nextDate).fill(NEXT_DATE)
    await expectNoSeriousAxe(p, 'IB: meeting after the lines')
    await screenshot(p, 'meeting-flow-lines-ib')

    // back in the plan, each of the five names the meeting it came from
    await p.getByRole('button', { name: SAYS.backToPlan }).click()
    await waitForSyncState(p, 'synced')
    const made: [string, string][] = [
      ['#sp-goals', LINES.goal],
      ['#sp-actions', LINES.action],
      ['#sp-factors', LINES.carerGoesWell],
      ['#sp-needs', LINES.need],
      ['#sp-observations', LINES.mumWorry],
    ]
    for (const [section, text] of made) {
      await p.locator(section).locator('li', { hasText: text }).first().getByRole('link', { name: SAYS.fromMeeting }).waitFor({ timeout: 20_000 })
    }
    await expectNoSeriousAxe(p, 'IB: plan with what the meeting made')
    // the link leads back to the meeting
    await p.locator('#sp-goals').locator('li', { hasText: LINES.goal }).first().getByRole('link', { name: SAYS.fromMeeting }).click()
    await p.getByRole('heading', { level: 2, name: SAYS.meetingName }).waitFor()
    expect(p.url()).toContain(meetingId)
  }, 180_000)

  it('the mother says the verslag klopt; the chair sees it', async () => {
    const verslagMum = mum.page.getByRole('region', { name: SAYS.verslag })
    for (const text of [LINES.mumWorry, LINES.carerGoesWell, LINES.goal, LINES.action]) await verslagMum.getByText(text).first().waitFor({ timeout: 20_000 })
    await expectNoSeriousAxe(mum.page, 'mother: verslag')
    await verslagMum.getByRole('button', { name: SAYS.klopt }).click()
    const verslagIb = ib.page.getByRole('region', { name: SAYS.verslag })
    await verslagIb.locator('[data-verslag-state="current"]', { hasText: SAYS.kloptLine(MUM) }).waitFor({ timeout: 20_000 })
    await verslagMum.locator('[data-verslag-state="current"]').waitFor()
    await expectNoSeriousAxe(ib.page, 'IB: verslag')
    await screenshot(ib.page, 'meeting-flow-verslag-ib')
  }, 120_000)

  it('the care worker finds what the meeting made under "Nieuw sinds je laatste bezoek", and its dates under the reminders', async () => {
    const p = carer.page
    const fresh = p.getByRole('region', { name: SAYS.newSince })
    for (const section of [SAYS.section.goals, SAYS.section.actions, SAYS.section.factors, SAYS.section.needs, SAYS.section.observations]) {
      await fresh.getByRole('link', { name: SAYS.wrote(IB, section) }).waitFor({ timeout: 20_000 })
    }
    // her "klopt" is new too
    await fresh.getByRole('link', { name: SAYS.wrote(MUM, SAYS.section.meetings) }).waitFor({ timeout: 20_000 })
    // his own lines are not new for him
    expect(await fresh.getByRole('link', { name: new RegExp(`^${CARER.replace(/[()]/g, '\\$&')} `) }).count()).toBe(0)

    const reminders = p.getByRole('region', { name: SAYS.reminders })
    await reminders.getByRole('link', { name: SAYS.reminderMeeting }).waitFor({ timeout: 20_000 })
    await reminders.getByRole('link', { name: SAYS.reminderGoal(LINES.goal) }).waitFor({ timeout: 20_000 })
    await expectNoSeriousAxe(p, 'care worker: plan with what is new')
    await screenshot(p, 'meeting-flow-new-since-carer')

    for (const d of [ib, mum, carer]) expect(d.errors, d.name).toEqual([])
  }, 120_000)
})
