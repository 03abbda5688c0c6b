/**
 * The state of an action that waits for a confirmation (removing a member or a device,
 * withdrawing consent or an instemming): which target the dialog is open for, whether the action
 * runs, and its error. `act` runs once at a time; on success the dialog closes and `done` says
 * what happened, on failure the dialog stays open with `failed()` as its error.
 */
import { createSignal } from 'solid-js'

export interface ConfirmedAction<T> {
  /** the target the confirmation is asked for, or null when the dialog is closed */
  target(): T | null
  busy(): boolean
  error(): string
  /** opens the dialog for `target`, with no error from an earlier try */
  ask(target: T): void
  /** closes the dialog, unless the action is running */
  cancel(): void
  confirm(): Promise<void>
}

export function createConfirmedAction<T>(act: (target: T) => unknown, failed: () => string, done?: (target: T) => void): ConfirmedAction<T> {
  const [target, setTarget] = createSignal<T | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  return {
    target,
    busy,
    error,
    ask(t) {
      setError('')
      setTarget(() => t)
    },
    cancel() {
      if (!busy()) setTarget(null)
    },
    async confirm() {
      const t = target()
      if (t === null || busy()) return
      setBusy(true)
      setError('')
      try {
        await act(t)
        setTarget(null)
        done?.(t)
      } catch {
        setError(failed())
      } finally {
        setBusy(false)
      }
    },
  }
}
