import { Match, Show, Switch, createResource, createSignal } from 'solid-js'
import type { InvitePreview } from '../../access/types'
import { formatDateTime, t, type MessageKey } from '../i18n'
import { loadClient, profile } from '../client'
import { navigate } from '../router'
import { errorCodeOf } from '../errorCode'

const KNOWN_ERRORS = new Set(['invite-expired', 'invite-used', 'invite-withdrawn', 'invite-invalid', 'offline'])

function errorMessage(err: unknown): string {
  const code = errorCodeOf(err)
  return t((KNOWN_ERRORS.has(code) ? `error.${code}` : 'error.generic') as MessageKey)
}

export function Join(props: { planId: string; secret: string }) {
  // the link as the access layer expects it; the secret stays in the fragment
  const link = () => `${location.origin}/#/join/${props.planId}/${props.secret}`

  const [state, { refetch }] = createResource(async (): Promise<{ preview?: InvitePreview; member: boolean }> => {
    const client = await loadClient()
    const mine = await client.listPlans()
    if (mine.some((p) => p.planId === props.planId)) return { member: true }
    return { preview: await client.previewInvite(link()), member: false }
  })
  const [busy, setBusy] = createSignal(false)
  const [acceptError, setAcceptError] = createSignal<string | null>(null)

  const accept = async () => {
    setBusy(true)
    setAcceptError(null)
    try {
      const planId = await (await loadClient()).acceptInvite(link())
      // replace: the spent secret leaves the address bar and the back button
      navigate({ name: 'plan', planId }, { replace: true })
    } catch (err) {
      setAcceptError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="join-title">
      <h1 id="join-title">{t('join.title')}</h1>
      <Switch>
        <Match when={state.loading}>
          <p class="muted" role="status">
            {t('join.checking')}
          </p>
        </Match>
        <Match when={state.error}>
          <div class="notice notice--error" role="alert">
            <p>{errorMessage(state.error)}</p>
          </div>
          <Show when={errorCodeOf(state.error) === 'offline'}>
            <button type="button" class="button" onClick={() => refetch()}>
              {t('error.retry')}
            </button>
          </Show>
        </Match>
        <Match when={state()?.member}>
          <p>{t('join.alreadyMember')}</p>
          <a class="button" href={`#/plan/${props.planId}`}>
            {t('join.open')}
          </a>
        </Match>
        <Match when={state()?.preview} keyed>
          {(preview) => {
            const child = preview.title || t('plan.childFallback')
            return (
              <>
                <p class="lead">
                  {preview.invitedBy ? t('join.invitedBy', { inviter: preview.invitedBy, child }) : t('join.invited', { child })}
                </p>
                <dl class="facts">
                  <dt>{t('share.role')}</dt>
                  <dd>
                    <strong>{t(`role.${preview.role}`)}</strong> — {t(`role.${preview.role}.help`)}
                  </dd>
                  <dt>{t('join.validUntil')}</dt>
                  <dd>{t('join.expires', { date: formatDateTime(preview.expiresAt) })}</dd>
                </dl>
                <p>{t('join.as', { name: profile()?.name ?? '' })}</p>
                <Show when={acceptError()}>
                  <div class="notice notice--error" role="alert">
                    {acceptError()}
                  </div>
                </Show>
                <button type="button" class="button" onClick={accept} disabled={busy()}>
                  {busy() ? t('join.accepting') : t('join.accept')}
                </button>
              </>
            )
          }}
        </Match>
      </Switch>
    </section>
  )
}
