import { For, Show, type JSX } from 'solid-js'
import { Dialog } from '../sections/Dialog'

interface ConfirmFooterProps {
  error: string
  busy: boolean
  confirmLabel: string
  busyLabel: string
  cancelLabel: string
  onConfirm: () => void
  onCancel: () => void
}

/**
 * A dialog that confirms something that cannot be taken back (removing a member or a device,
 * withdrawing or refusing consent): what happens, the list of what follows from it, an optional
 * note, then the error, the danger button and Cancel. Closing it while busy is not possible.
 */
export function ConfirmDangerDialog(
  props: ConfirmFooterProps & {
    open: boolean
    id: string
    title: string
    lead: string
    consequences: string[]
    /** a note under the consequences (e.g. that no admin would be left) */
    children?: JSX.Element
  },
) {
  return (
    <Dialog
      open={props.open}
      onClose={() => {
        if (!props.busy) props.onCancel()
      }}
      id={props.id}
      title={props.title}
    >
      <div class="form">
        <p>{props.lead}</p>
        <ul class="confirm-danger__consequences">
          <For each={props.consequences}>{(line) => <li>{line}</li>}</For>
        </ul>
        {props.children}
        <ConfirmDangerActions
          error={props.error}
          busy={props.busy}
          confirmLabel={props.confirmLabel}
          busyLabel={props.busyLabel}
          cancelLabel={props.cancelLabel}
          onConfirm={props.onConfirm}
          onCancel={props.onCancel}
        />
      </div>
    </Dialog>
  )
}

/** The dialog's end: its error, the danger button, and Cancel — which takes the focus, so Enter on opening never confirms by accident. */
function ConfirmDangerActions(props: ConfirmFooterProps) {
  return (
    <>
      <Show when={props.error}>
        <div class="notice notice--error" role="alert">
          {props.error}
        </div>
      </Show>
      <div class="actions">
        <button type="button" class="button button--danger" disabled={props.busy} onClick={() => props.onConfirm()}>
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
        <button type="button" class="button button--secondary" data-autofocus disabled={props.busy} onClick={() => props.onCancel()}>
          {props.cancelLabel}
        </button>
      </div>
    </>
  )
}
