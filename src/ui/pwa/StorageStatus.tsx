import { Show, createSignal, onMount } from 'solid-js'
import { lang } from '../i18n'
import { tPwa } from '../i18n/pwa'
import { formatBytes, readStorageState, requestPersistence, storageState } from '../storagePersistence'

/** "Opslag op dit apparaat: beschermd / kan door de browser worden opgeruimd", with usage. */
export function StorageStatus() {
  const [asking, setAsking] = createSignal(false)
  const [refused, setRefused] = createSignal(false)
  onMount(() => void readStorageState())
  const ask = async () => {
    setAsking(true)
    setRefused(false)
    try {
      setRefused(!(await requestPersistence()))
    } finally {
      setAsking(false)
    }
  }
  const locale = () => (lang() === 'nl' ? 'nl-NL' : 'en-GB')
  return (
    <section class="panel form" aria-labelledby="storage-title">
      <h2 id="storage-title" class="utrecht-heading-2">
        {tPwa('storage.title')}
      </h2>
      <Show when={storageState()}>
        {(s) => (
          <>
            <p class="utrecht-paragraph storage-state" data-persisted={String(s().persisted)}>
              {s().persisted === true ? tPwa('storage.persisted') : s().persisted === false ? tPwa('storage.notPersisted') : tPwa('storage.unsupported')}
            </p>
            <p class="utrecht-paragraph muted">
              {s().usage !== null && s().quota !== null
                ? tPwa('storage.usage', { used: formatBytes(s().usage!, locale()), quota: formatBytes(s().quota!, locale()) })
                : tPwa('storage.usageUnknown')}
            </p>
            <Show when={s().persisted === false}>
              <p class="field__hint">{tPwa('storage.notPersistedHint')}</p>
              <div>
                <button
                  type="button"
                  class="button button--secondary utrecht-button utrecht-button--secondary-action"
                  onClick={() => void ask()}
                  disabled={asking()}
                >
                  {asking() ? tPwa('storage.asking') : tPwa('storage.askAgain')}
                </button>
              </div>
              <p role="status" class="muted">
                {refused() ? tPwa('storage.refused') : ''}
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  )
}
