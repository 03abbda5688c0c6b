/**
 * Where each section of a plan (its address, src/ui/routes.ts) is on the page, and which section
 * a "Voor jou" item leads to: the one where that act is done.
 */
import type { ForYouKind } from '../../plan/forYou'
import type { PlanSection } from '../routes'

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
  const heading = element.querySelector<HTMLElement>('h2') ?? element
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: true })
  return true
}
