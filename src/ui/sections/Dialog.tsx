import { Show, createEffect, onCleanup, type JSX } from 'solid-js'
import { Portal } from 'solid-js/web'
import { tPlan } from '../i18n/plan'

/**
 * A modal dialog on the native <dialog>: focus moves into it on open, Escape closes it, and focus
 * returns to what had it before (the button that opened it). Its content is mounted only while
 * it is open. It lives at the end of the body, not beside its button: a layout change may move
 * the button (PlanView's life tools), and a modal <dialog> taken out of the document stops being
 * modal without a close event.
 */
export function Dialog(props: { open: boolean; onClose: () => void; id: string; title: string; children: JSX.Element }) {
  let dialog!: HTMLDialogElement
  let returnTo: HTMLElement | null = null

  createEffect(() => {
    if (props.open && !dialog.open) {
      returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
      // the first field, not the close button: that is where one starts typing
      const first = dialog.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]), textarea, select')
      first?.focus()
    } else if (!props.open && dialog?.open) {
      dialog.close()
    }
  })
  onCleanup(() => dialog?.open && dialog.close())

  return (
    <Portal>
      <dialog
        class="dialog sp-dialog"
        ref={dialog}
        aria-labelledby={`${props.id}-dialog-title`}
        onClose={() => {
          props.onClose()
          if (returnTo?.isConnected) returnTo.focus()
          returnTo = null
        }}
      >
        <div class="dialog__body">
          <div class="sp-dialog__head">
            <h2 id={`${props.id}-dialog-title`}>{props.title}</h2>
            <button type="button" class="button button--secondary button--small" onClick={() => dialog.close()}>
              {tPlan('common.close')}
            </button>
          </div>
          {/* mounted per opening, so every form starts fresh */}
          <Show when={props.open}>{props.children}</Show>
        </div>
      </dialog>
    </Portal>
  )
}
