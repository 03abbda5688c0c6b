import { Match, Switch, createResource } from 'solid-js'
import type { DeviceLinkPreview } from '../../access/types'
import { formatDateTime, t } from '../i18n'
import { tDevices } from '../i18n/devices'
import { createProfile, loadClient } from '../client'
import { NameForm } from '../components/NameForm'
import { startLinkingAfterProfile } from './linkStart'

/**
 * First run from a device link: this device takes the person's name from the link and gets a
 * passphrase of its own; then the linking starts by itself (LinkDevice).
 */
export function DeviceWelcome(props: { payload: string }) {
  const link = () => `${location.origin}/#/koppel/${props.payload}`
  const [preview] = createResource(async (): Promise<DeviceLinkPreview> => (await loadClient()).previewDeviceLink(link()))

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
        <Match when={preview() && preview()!.expiresAt <= Date.now()}>
          <div class="notice notice--error" role="alert">
            {tDevices('link.expired')}
          </div>
        </Match>
        <Match when={preview()}>
          {(p) => (
            <>
              <p class="lead">{tDevices('link.intro', { name: p().name })}</p>
              <p>
                {tDevices('link.plans', { n: p().planIds.length })}. {tDevices('link.expiresAt', { date: formatDateTime(p().expiresAt) })}
              </p>
              <NameForm
                prefix="link"
                nameLabel={tDevices('link.nameLabel')}
                nameHint={tDevices('link.nameHint')}
                initialName={p().name}
                submitLabel={tDevices('link.submit')}
                create={({ name, passphrase, sharedComputer }) => {
                  startLinkingAfterProfile()
                  return createProfile(name, passphrase, { sharedComputer })
                }}
              >
                <p>{tDevices('link.passIntro')}</p>
              </NameForm>
            </>
          )}
        </Match>
      </Switch>
    </section>
  )
}
