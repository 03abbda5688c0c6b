/**
 * On a phone, the plan header's search and "who is here" behind one button (issue 14), so what is
 * asked of the reader and the section menu come first on the screen. The panel stays mounted when
 * closed (a search typed there is still there when it opens again); the button says whether it is
 * open (aria-expanded) and which panel it opens (aria-controls).
 */
import { createSignal, createUniqueId, type JSX } from 'solid-js'
import { tNav } from '../i18n/nav'
import './nav.css'

export function FoldedTools(props: { children: JSX.Element }) {
  const [open, setOpen] = createSignal(false)
  const panel = `plan-tools-${createUniqueId()}`
  return (
    <div class="plan-tools">
      <button
        type="button"
        class="button button--secondary button--small plan-tools__toggle"
        aria-expanded={open()}
        aria-controls={panel}
        onClick={() => setOpen(!open())}
      >
        {tNav('tools.toggle')}
      </button>
      <div id={panel} class="plan-tools__panel" hidden={!open()}>
        {props.children}
      </div>
    </div>
  )
}
