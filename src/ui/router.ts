/** Hash routes: the fragment never reaches a server, which keeps invite secrets off the wire. */
import { createRoot, createSignal } from 'solid-js'
import { hrefFor, parseRoute, type Route } from './routes'

export { PLAN_SECTIONS, hrefFor, parseRoute, type PlanDocumentView, type PlanSection, type Route } from './routes'

const store = createRoot(() => {
  // outside a browser (unit tests of parseRoute) there is no address to follow
  const [route, setRoute] = createSignal<Route>(parseRoute(typeof location !== 'undefined' ? location.hash : ''))
  if (typeof window !== 'undefined') window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)))
  return { route, setRoute }
})

export const route = store.route

/** replace: leave no history entry (used to drop an invite secret from the back button) */
export function navigate(r: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(r)
  if (options.replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  store.setRoute(parseRoute(href))
}
