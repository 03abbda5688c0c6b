import { Show } from 'solid-js'

/**
 * The end of a dialog that confirms something that cannot be taken back (removing a member or a
 * device, withdrawing consent): its error, the danger button, and Cancel — which takes the focus,
 * so Enter on opening never confirms by accident.
 */
export function ConfirmDangerActions(props: {
  error: string
  busy: boolean
  confirmLabel: string
  busyLabel: string
  cancelLabel: string
  onConfirm: () => void
  onCancel: () => void
}) {
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
