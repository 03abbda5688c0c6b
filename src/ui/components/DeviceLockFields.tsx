import { t } from '../i18n'
import { PassphraseFields, type PassphraseProblem, type PassphraseValue } from './PassphraseFields'

/**
 * What every new device lock asks (first run, protecting an older profile, a linked device): the
 * passphrase twice, the warning that it cannot be recovered, and the shared-computer choice.
 * Ids are `<prefix>-pass…` and `<prefix>-shared`.
 */
export function DeviceLockFields(props: {
  prefix: string
  value: PassphraseValue
  onChange: (v: PassphraseValue) => void
  problem: PassphraseProblem | null
  shared: boolean
  onShared: (shared: boolean) => void
}) {
  const sharedId = `${props.prefix}-shared`
  return (
    <>
      <PassphraseFields id={`${props.prefix}-pass`} value={props.value} onChange={props.onChange} problem={props.problem} />
      <div class="notice notice--warning">
        <p>{t('pass.noRecovery')}</p>
      </div>
      <div class="field field--check">
        <input
          id={sharedId}
          type="checkbox"
          checked={props.shared}
          onChange={(e) => props.onShared(e.currentTarget.checked)}
          aria-describedby={`${sharedId}-hint`}
        />
        <label for={sharedId}>{t('shared.label')}</label>
        <p id={`${sharedId}-hint`} class="field__hint">
          {t('shared.hint')}
        </p>
      </div>
    </>
  )
}
