import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js'
import type { DeviceJoinResult, DeviceLinkPreview } from '../../access/types'
import { formatDateTime, t } from '../i18n'
import { tDevices, type DevicesKey } from '../i18n/devices'
import { loadClient, profile } from '../client'
import { navigate } from '../router'
import { takeLinkingStart } from './linkStart'
import './devices.css'

const KNOWN_ERRORS = new Set(['invite-used', 'invite-expired', 'invite-withdrawn', 'invite-invalid', 'offline', 'rejected'])

/**
 * `#/koppel/<payload>` on an unlocked device: joins every plan of the link with this device's key,
 * shows how each one went, and drops the secret from the address bar once it is spent.
 */
export function LinkDevice(props: { payload: string }) {
  const link = () => `${location.origin}/#/koppel/${props.payload}`
  const [preview] = createResource(async (): Promise<DeviceLinkPreview> => (await loadClient()).previewDeviceLink(link()))
  const [results, setResults] = createSignal<Record<string, DeviceJoinResult>>({})
  const [phase, setPhase] = createSignal<'ready' | 'busy' | 'done'>('ready')

  const start = async () => {
    if (phase() !== 'ready') return
    setPhase('busy')
    const client = await loadClient()
    try {
      await client.acceptDeviceLink(link(), (r) => setResults((all) => ({ ...all, [r.planId]: r })))
    } finally {
      // the secret is spent (or useless): out of the address bar and the back button, view stays
      history.replaceState(null, '', '#/')
      setPhase('done')
    }
  }
  // coming from the first-run form of this link: the person already asked to link
  const autoStart = takeLinkingStart()

  const finished = () => Object.values(results()).filter((r) => r.state !== 'joining')
  const failedCount = () => finished().filter((r) => r.state === 'failed').length
  const stateText = (r: DeviceJoinResult | undefined) => tDevices(`link.state.${r?.state ?? 'waiting'}` as const)
  const errorText = (code: string | undefined) => tDevices(`link.error.${KNOWN_ERRORS.has(code ?? '') ? code : 'rejected'}` as DevicesKey)

  return (
    <section class="panel panel--narrow" aria-labelledby="link-title">
      <h1 id="link-title">{tDevices('link.title')}</h1>
      <Switch>
        <Match when={preview.loading}>
          <p class="muted">{t('app.loading')}</p>
        </Match>
        <Match when={preview.error}>
          <div class="notice notice--error" role="alert">
            {tDevices('link.invalid')}
          </div>
        </Match>
        <Match when={preview()}>
          {(p) => {
            if (autoStart) queueMicrotask(() => void start())
            return (
              <>
                <p class="lead">{tDevices('link.intro', { name: p().name })}</p>
                <Show when={phase() === 'ready'}>
                  <Show
                    when={p().expiresAt > Date.now()}
                    fallback={
                      <div class="notice notice--error" role="alert">
                        {tDevices('link.expired')}
                      </div>
                    }
                  >
                    <p>
                      {tDevices('link.plans', { n: p().planIds.length })}. {tDevices('link.expiresAt', { date: formatDateTime(p().expiresAt) })}
                    </p>
                    <p>{t('join.as', { name: profile()?.name ?? '' })}</p>
                    <button type="button" class="button" onClick={() => void start()}>
                      {tDevices('link.start')}
                    </button>
                  </Show>
                </Show>
                <Show when={phase() !== 'ready'}>
                  <h2 class="sp-subtitle" id="link-progress-title">
                    {tDevices('link.progress')}
                  </h2>
                  <ol class="sp-list link-progress" aria-labelledby="link-progress-title">
                    <For each={p().planIds}>
                      {(planId, i) => {
                        const r = () => results()[planId]
                        return (
                          <li class="link-progress__item" data-state={r()?.state ?? 'waiting'}>
                            <span>{r()?.title || tDevices('link.plan', { n: i() + 1 })}</span>
                            <span class="link-progress__state">{stateText(r())}</span>
                            <Show when={r()?.state === 'failed'}>
                              <span class="link-progress__why">{errorText(r()?.error)}</span>
                            </Show>
                            <Show when={r()?.state === 'joined' || r()?.state === 'already'}>
                              <a href={`#/plan/${planId}`} aria-label={`${tDevices('link.open')}: ${r()?.title || tDevices('link.plan', { n: i() + 1 })}`}>
                                {tDevices('link.open')}
                              </a>
                            </Show>
                          </li>
                        )
                      }}
                    </For>
                  </ol>
                  <div role="status" aria-live="polite">
                    <Show when={phase() === 'busy'}>
                      <p class="muted">{tDevices('link.busy')}</p>
                    </Show>
                    <Show when={phase() === 'done'}>
                      <p>
                        <strong>
                          {failedCount() === 0
                            ? tDevices('link.done')
                            : failedCount() === finished().length
                              ? tDevices('link.allFailed')
                              : tDevices('link.someFailed')}
                        </strong>
                      </p>
                    </Show>
                  </div>
                  <Show when={phase() === 'done'}>
                    <button type="button" class="button" onClick={() => navigate({ name: 'home' }, { replace: true })}>
                      {tDevices('link.home')}
                    </button>
                  </Show>
                </Show>
              </>
            )
          }}
        </Match>
      </Switch>
    </section>
  )
}
