import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type * as Y from 'yjs'

/** documents re-read the whole plan: at most this often while someone types */
const REFRESH_MS = 250

/**
 * A counter that follows the plan doc's updates, debounced: a document view reads the plan inside
 * a memo on it, so it stays live while others type without recompiling on every keystroke.
 * Call inside a component (it cleans up with it).
 */
export function planVersion(doc: Y.Doc): Accessor<number> {
  const [version, setVersion] = createSignal(0)
  let timer: ReturnType<typeof setTimeout> | null = null
  const onUpdate = () => {
    if (timer === null)
      timer = setTimeout(() => {
        timer = null
        setVersion((v) => v + 1)
      }, REFRESH_MS)
  }
  doc.on('update', onUpdate)
  onCleanup(() => {
    doc.off('update', onUpdate)
    if (timer !== null) clearTimeout(timer)
  })
  return version
}
