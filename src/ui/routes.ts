/** The app's hash routes as data: parsing and writing them, with no browser state (unit-tested). */

export type Route =
  | { name: 'home' }
  | { name: 'welcome' }
  | { name: 'settings' }
  | { name: 'accessibility' }
  /**
   * view: a document made from the plan; meetingId: the plan in meeting mode for that meeting;
   * section: the plan scrolled to one of its sections (its own address, so back returns to it);
   * prepare: the preparation form of that meeting (`#/plan/<id>/voorbereiden/<meetingId>`);
   * childVoice: the child's own form, "Hoe denk jij erover?" (`#/plan/<id>/hoe-denk-jij`)
   */
  | { name: 'plan'; planId: string; view?: PlanDocumentView; meetingId?: string; section?: PlanSection; prepare?: string; childVoice?: true }
  | { name: 'join'; planId: string; secret: string }
  /** a device link: everything (secret, plans, name) in one base64url payload */
  | { name: 'device-link'; payload: string }
  /** a shared document (R18): the share id and its key, both only ever in the fragment */
  | { name: 'shared'; shareId: string; key: string }
  | { name: 'not-found' }

export type PlanDocumentView = 'onderbouwing' | 'afdrukken'

/**
 * The plan's sections in the order the plan shows them (DESIGN §6), as they appear in an address
 * (`#/plan/<id>/afspraken`): Dutch words a parent can read, none equal to a document view.
 */
export const PLAN_SECTIONS = [
  'status',
  'gegevens',
  'contacten',
  'stemmen',
  'factoren',
  'behoeften',
  'perspectief',
  'doelen',
  'afspraken',
  'hulp',
  'observaties',
  'overleggen',
  'betrokkenen',
  'toestemmingen',
  'activiteit',
] as const
export type PlanSection = (typeof PLAN_SECTIONS)[number]

const ID = '[A-Za-z0-9_-]+'

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/'
  if (path === '/' || path === '') return { name: 'home' }
  if (path === '/welkom') return { name: 'welcome' }
  if (path === '/instellingen') return { name: 'settings' }
  if (path === '/toegankelijkheid') return { name: 'accessibility' }
  let m = new RegExp(`^/plan/(${ID})$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]! }
  m = new RegExp(`^/plan/(${ID})/(onderbouwing|afdrukken)$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]!, view: m[2] as PlanDocumentView }
  m = new RegExp(`^/plan/(${ID})/(${PLAN_SECTIONS.join('|')})$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]!, section: m[2] as PlanSection }
  m = new RegExp(`^/plan/(${ID})/overleg/(${ID})$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]!, meetingId: m[2]! }
  m = new RegExp(`^/plan/(${ID})/voorbereiden/(${ID})$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]!, prepare: m[2]! }
  m = new RegExp(`^/plan/(${ID})/hoe-denk-jij$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]!, childVoice: true }
  m = new RegExp(`^/join/(${ID})/(${ID})$`).exec(path)
  if (m) return { name: 'join', planId: m[1]!, secret: m[2]! }
  m = new RegExp(`^/koppel/(${ID})$`).exec(path)
  if (m) return { name: 'device-link', payload: m[1]! }
  m = /^\/gedeeld\/([A-Za-z0-9_-]{22})\/([A-Za-z0-9_-]{43})$/.exec(path)
  if (m) return { name: 'shared', shareId: m[1]!, key: m[2]! }
  return { name: 'not-found' }
}

export function hrefFor(r: Route): string {
  switch (r.name) {
    case 'home':
      return '#/'
    case 'welcome':
      return '#/welkom'
    case 'settings':
      return '#/instellingen'
    case 'accessibility':
      return '#/toegankelijkheid'
    case 'plan':
      if (r.view) return `#/plan/${r.planId}/${r.view}`
      if (r.meetingId) return `#/plan/${r.planId}/overleg/${r.meetingId}`
      if (r.prepare) return `#/plan/${r.planId}/voorbereiden/${r.prepare}`
      if (r.childVoice) return `#/plan/${r.planId}/hoe-denk-jij`
      if (r.section) return `#/plan/${r.planId}/${r.section}`
      return `#/plan/${r.planId}`
    case 'join':
      return `#/join/${r.planId}/${r.secret}`
    case 'device-link':
      return `#/koppel/${r.payload}`
    case 'shared':
      return `#/gedeeld/${r.shareId}/${r.key}`
    case 'not-found':
      return '#/'
  }
}
