import { createSignal } from 'solid-js'
import { copyText } from './copyText'

/**
 * A read-only field holding a link, with its copy button and a status line that says it was
 * copied. If the clipboard refuses, the field's text is selected and the older copy command tried.
 */
export function CopyField(props: {
  id: string
  label: string
  value: string
  copyLabel: string
  copiedLabel: string
  inputRef?: (el: HTMLInputElement) => void
}) {
  let input: HTMLInputElement | undefined
  const [copied, setCopied] = createSignal(false)
  const copy = async () => {
    await copyText(props.value, input)
    setCopied(true)
  }
  return (
    <div class="field">
      <label for={props.id} class="field__label">
        {props.label}
      </label>
      <div class="copy-row">
        <input
          autocomplete="off"
          id={props.id}
          ref={(el) => {
            input = el
            props.inputRef?.(el)
          }}
          class="input input--mono"
          readonly
          value={props.value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          {props.copyLabel}
        </button>
      </div>
      <p class="field__hint" role="status" aria-live="polite">
        {copied() ? props.copiedLabel : ''}
      </p>
    </div>
  )
}
