/**
 * Where each section of a plan (its address, src/ui/routes.ts) is on the page, which section
 * a "Voor jou" item leads to (the one where that act is done), and which section the reader is
 * in as they scroll.
 */
import type { ForYouKind } from '../../plan/forYou'
import { PLAN_SECTIONS, type PlanSection } from '../routes'

/** The element id of each section, as the section components set it. */
export const SECTION_ELEMENT: Record<PlanSection, string> = {
  status: 'sp-status',
  gegevens: 'sp-child',
  contacten: 'sp-contacts',
  stemmen: 'sp-voices',
  factoren: 'sp-factors',
  behoeften: 'sp-needs',
  perspectief: 'sp-perspective',
  doelen: 'sp-goals',
  afspraken: 'sp-actions',
  hulp: 'sp-route',
  observaties: 'sp-observations',
  overleggen: 'sp-meetings',
  betrokkenen: 'team',
  toestemmingen: 'consent',
  activiteit: 'activity',
}

export const FOR_YOU_SECTION: Record<ForYouKind, PlanSection> = {
  consent: 'toestemmingen',
  instemming: 'afspraken',
  verslag: 'overleggen',
  prepare: 'overleggen',
  afspraak: 'afspraken',
}

/**
 * Shows a section as a jump does: scrolled to the top of the view (below the sticky menu, by its
 * scroll-margin) and its heading focused, so a screen reader goes on from there.
 */
export function showSection(section: PlanSection): boolean {
  const element = document.getElementById(SECTION_ELEMENT[section])
  if (!element) return false
  element.scrollIntoView({ block: 'start' })
  jumpedTo = window.scrollY
  const heading = element.querySelector<HTMLElement>('h2') ?? element
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: true })
  return true
}

/** Where the last jump (showSection) left the page; a different scroll position is the reader's own. */
let jumpedTo: number | null = null

/** Whether the page is still where the last jump left it (within a pixel: scroll positions can be fractional). */
export function stillWhereJumped(): boolean {
  return jumpedTo !== null && Math.abs(window.scrollY - jumpedTo) < 1
}

/**
 * The reading line, as a fraction of the view's height from its top: just below the sticky menu
 * (its height and a section's scroll-margin, 5.5rem, fit above it on a phone and a desktop). The
 * section being read is the last one whose top has reached it; a section jumped to starts above it.
 */
const READING_LINE = 0.2
/**
 * The observer's root: a thin band (1% of the view) ending at the reading line, so a section's top
 * reaching the line, or its bottom leaving it, is reported.
 */
const READING_BAND = `-${(READING_LINE - 0.01) * 100}% 0px -${(1 - READING_LINE) * 100}% 0px`

/**
 * Follows the section being read as the page scrolls: an IntersectionObserver on the sections (no
 * scroll handler) reports when one crosses the reading line; `onChange` gets the last section (in
 * the plan's order) whose top is at or above the line, undefined above the first. Call it once
 * the sections are on the page; returns the stop.
 */
export function watchReadingSection(onChange: (section: PlanSection | undefined) => void): () => void {
  const elements: [PlanSection, Element][] = []
  for (const section of PLAN_SECTIONS) {
    const element = document.getElementById(SECTION_ELEMENT[section])
    if (element) elements.push([section, element])
  }
  const observer = new IntersectionObserver(
    () => {
      const line = window.innerHeight * READING_LINE
      let reading: PlanSection | undefined
      for (const [section, element] of elements) if (element.getBoundingClientRect().top <= line + 1) reading = section
      onChange(reading)
    },
    { rootMargin: READING_BAND },
  )
  for (const [, element] of elements) observer.observe(element)
  return () => observer.disconnect()
}
