/**
 * Where a search hit lives on the page: the record's own element when it is shown, else its
 * section's heading, else null (a part of the plan this view does not show yet).
 */
import type { SearchHit } from '../../plan'
import type { SectionsModel } from '../sections/model'

const SECTION_HEADINGS: Partial<Record<SearchHit['section'], string>> = {
  voices: '#voices-title',
  goals: '#goals-title',
  actions: '#actions-title',
  observations: '#obs-title',
  meetings: '#meetings-title',
  team: '#team-title',
}

function recordElement(hit: SearchHit, model: SectionsModel): HTMLElement | null {
  const q = (selector: string) => document.querySelector<HTMLElement>(selector)
  const id = CSS.escape(hit.id)
  switch (hit.section) {
    case 'voices':
      // the field's editor itself: focus lands where one can read and type
      return q(`[data-field="voice-${id}-${CSS.escape(hit.field)}"] .ql-editor`)
    case 'goals':
      return q(`[data-goal-id="${id}"]`)
    case 'actions':
      return q(`[data-action-id="${id}"]`)
    case 'observations':
      return q(`[data-observation-id="${id}"]`)
    case 'meetings':
      return q(`[data-meeting-open="${id}"]`)
    case 'team': {
      const key = model.team().find((m) => m.id === hit.id)?.memberKey
      return key ? q(`[data-member-key="${CSS.escape(key)}"]`) : null
    }
    default:
      return null
  }
}

export function hitTarget(hit: SearchHit, model: SectionsModel): HTMLElement | null {
  const own = recordElement(hit, model)
  if (own && own.getClientRects().length > 0) return own
  const heading = SECTION_HEADINGS[hit.section]
  return heading ? document.querySelector<HTMLElement>(heading) : null
}
