import { Match, Show, Switch } from 'solid-js'
import { tPwa } from '../i18n/pwa'
import { consentToUpdate, updateLater, updatePhase } from '../serviceWorker'

/** "Er is een nieuwe versie": applied only once nothing is waiting to be sent (../updateGate). */
export function UpdateBanner() {
  const phase = updatePhase
  return (
    <Show when={phase().name !== 'idle'}>
      <div class="notice notice--info update-banner utrecht-alert utrecht-alert--info" role="status" data-update={phase().name}>
        <div class="container update-banner__inner">
          <Switch>
            <Match when={phase().name === 'available'}>
              <p class="utrecht-paragraph">{tPwa('update.available')}</p>
              <button type="button" class="button button--small utrecht-button utrecht-button--primary-action" onClick={() => void consentToUpdate()}>
                {tPwa('update.now')}
              </button>
            </Match>
            <Match when={phase().name === 'checking'}>
              <p class="utrecht-paragraph">{tPwa('update.checking')}</p>
            </Match>
            <Match
              when={(() => {
                const p = phase()
                return p.name === 'waiting' ? p : null
              })()}
              keyed
            >
              {(p) => (
                <>
                  <p class="utrecht-paragraph">
                    {p.pending === 1
                      ? tPwa('update.waitingOne')
                      : Number.isFinite(p.pending)
                        ? tPwa('update.waiting', { n: p.pending })
                        : tPwa('update.checking')}{' '}
                    {tPwa('update.waitingOffline')}
                  </p>
                  <button type="button" class="button button--small button--secondary utrecht-button utrecht-button--secondary-action" onClick={updateLater}>
                    {tPwa('update.later')}
                  </button>
                </>
              )}
            </Match>
            <Match when={phase().name === 'applying'}>
              <p class="utrecht-paragraph">{tPwa('update.applying')}</p>
            </Match>
          </Switch>
        </div>
      </div>
    </Show>
  )
}
