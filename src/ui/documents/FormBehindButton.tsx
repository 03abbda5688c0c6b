/**
 * A form a document view opens in place from a button (the request's details, a step of help
 * already tried), so the document stays the first thing on the page: a status line that says what
 * was saved, the button, and once open the form as a card with its title, focus in its first field.
 */
import { Show, type JSX } from 'solid-js'

export function FormBehindButton(props: {
  /** the wrapper's own class beside doc-controls */
  class: string
  openLabel: string
  title: string
  titleId: string
  open: boolean
  /** said in the status line once the form closed on a save; '' otherwise */
  saved: string
  /** opens the form (the caller owns `open`) */
  onOpen: () => void
  onSubmit: (e: SubmitEvent) => void
  children: JSX.Element
}) {
  let form: HTMLFormElement | undefined
  const open = () => {
    props.onOpen()
    // the form replaces the button: focus goes on into it, not back to the page
    queueMicrotask(() => form?.querySelector<HTMLElement>('input, select, textarea')?.focus())
  }
  return (
    <div class={`doc-controls ${props.class}`}>
      <p role="status" class="doc-status">
        {props.saved}
      </p>
      <Show
        when={props.open}
        fallback={
          <button type="button" class="button button--secondary" onClick={open}>
            {props.openLabel}
          </button>
        }
      >
        <form ref={form} autocomplete="off" class="card form" onSubmit={(e) => props.onSubmit(e)} aria-labelledby={props.titleId} novalidate>
          <h3 id={props.titleId} class="card__title">
            {props.title}
          </h3>
          {props.children}
        </form>
      </Show>
    </div>
  )
}
