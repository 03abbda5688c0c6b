import { Show, createSignal, onMount } from 'solid-js'
import { lang } from '../i18n'
import { tp } from '../i18n/pwa'
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
      <h2 id="storage-title" class="utrecht-heading-2">{tp('storage.title')}</h2>
      <Show when={storageState()}>
        {(s) => (
          <>
            <p class="utrecht-paragraph storage-state" data-persisted={String(s().persisted)}>
              {s().persisted === true ? tp('storage.persisted') : s().persisted === false ? tp('storage.notPersisted') : tp('storage.unsupported')}
            </p>
            <p class="utrecht-paragraph muted">
              {s().usage !== null && s().quota !== null
                ? tp('storage.usage', { used: formatBytes(s().usage!, locale()), quota: formatBytes(s().quota!, locale()) })
                : tp('storage.usageUnknown')}
            </p>
            <Show when={s().persisted === false}>
              <p class="field__hint">{tp('storage.notPersistedHint')}</p>
              <div>
                <button type="button" class="button button--secondary utrecht-button utrecht-button--secondary-action" onClick={() => void ask()} disabled={asking()}>
                  {asking() ? tp('storage.asking') : tp('storage.askAgain')}
                </button>
              </div>
              <p role="status" class="muted">
                {refused() ? tp('storage.refused') : ''}
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  )
}
