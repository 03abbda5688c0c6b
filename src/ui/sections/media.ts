import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** Phone widths: below the voices' two-column breakpoint (48rem). */
export const NARROW = '(max-width: 47.99rem)'

/** Follows a media query; call inside a component. */
export function createMedia(query: string): Accessor<boolean> {
  const list = window.matchMedia(query)
  const [matches, setMatches] = createSignal(list.matches)
  const onChange = () => setMatches(list.matches)
  list.addEventListener('change', onChange)
  onCleanup(() => list.removeEventListener('change', onChange))
  return matches
}
