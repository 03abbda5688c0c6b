/** Hash routes: the fragment never reaches a server, which keeps invite secrets off the wire. */
import { createRoot, createSignal } from 'solid-js'

export type Route =
  | { name: 'home' }
  | { name: 'welcome' }
  | { name: 'settings' }
  | { name: 'plan'; planId: string }
  | { name: 'join'; planId: string; secret: string }
  /** a device link: everything (secret, plans, name) in one base64url payload */
  | { name: 'device-link'; payload: string }
  | { name: 'not-found' }

const ID = '[A-Za-z0-9_-]+'

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/'
  if (path === '/' || path === '') return { name: 'home' }
  if (path === '/welkom') return { name: 'welcome' }
  if (path === '/instellingen') return { name: 'settings' }
  let m = new RegExp(`^/plan/(${ID})$`).exec(path)
  if (m) return { name: 'plan', planId: m[1]! }
  m = new RegExp(`^/join/(${ID})/(${ID})$`).exec(path)
  if (m) return { name: 'join', planId: m[1]!, secret: m[2]! }
  m = new RegExp(`^/koppel/(${ID})$`).exec(path)
  if (m) return { name: 'device-link', payload: m[1]! }
  return { name: 'not-found' }
}

const store = createRoot(() => {
  // outside a browser (unit tests of parseRoute) there is no address to follow
  const [route, setRoute] = createSignal<Route>(parseRoute(typeof location !== 'undefined' ? location.hash : ''))
  if (typeof window !== 'undefined') window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)))
  return { route, setRoute }
})

export const route = store.route

export function hrefFor(r: Route): string {
  switch (r.name) {
    case 'home':
      return '#/'
    case 'welcome':
      return '#/welkom'
    case 'settings':
      return '#/instellingen'
    case 'plan':
      return `#/plan/${r.planId}`
    case 'join':
      return `#/join/${r.planId}/${r.secret}`
    case 'device-link':
      return `#/koppel/${r.payload}`
    case 'not-found':
      return '#/'
  }
}

/** replace: leave no history entry (used to drop an invite secret from the back button) */
export function navigate(r: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(r)
  if (options.replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  store.setRoute(parseRoute(href))
}

/** where to go after the first-run profile is made */
let afterWelcome: Route | null = null
export function rememberAfterWelcome(r: Route): void {
  afterWelcome = r
}
export function takeAfterWelcome(): Route {
  const r = afterWelcome ?? { name: 'home' }
  afterWelcome = null
  return r
}
