import { Show, createSignal } from 'solid-js'
import type { DeviceLink } from '../../access/types'
import { formatDateTime } from '../i18n'
import { tDevices } from '../i18n/devices'
import { loadClient } from '../client'
import { errorCodeOf } from '../errorCode'
import { Dialog } from '../sections/Dialog'
import { QrCode } from '../components/QrCode'
import { CopyField } from '../components/CopyField'

/** "Koppel een nieuw apparaat": a one-time link and its QR code, with the warning first. */
export function LinkDeviceDialog(props: { planCount: number }) {
  const [open, setOpen] = createSignal(false)
  const [made, setMade] = createSignal<DeviceLink | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')

  const show = () => {
    setMade(null)
    setError('')
    setOpen(true)
  }

  const create = async () => {
    setBusy(true)
    setError('')
    try {
      setMade(await (await loadClient()).createDeviceLink())
    } catch (err) {
      setError(errorCodeOf(err) === 'offline' ? tDevices('devices.link.offline') : tDevices('devices.link.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" class="button" aria-haspopup="dialog" onClick={show}>
        {tDevices('devices.link.open')}
      </button>
      <Dialog open={open()} onClose={() => setOpen(false)} id="device-link" title={tDevices('devices.link.title')}>
        <div class="form">
          <div class="notice notice--warning" role="note">
            {tDevices('devices.link.warning')}
          </div>
          <Show
            when={made()}
            fallback={
              <>
                <p>{tDevices('devices.link.intro', { n: props.planCount })}</p>
                <Show when={error()}>
                  <div class="notice notice--error" role="alert">
                    {error()}
                  </div>
                </Show>
                <div class="actions">
                  <button type="button" class="button" data-autofocus disabled={busy()} onClick={() => void create()}>
                    {busy() ? tDevices('devices.link.creating') : tDevices('devices.link.create')}
                  </button>
                </div>
              </>
            }
          >
            {(link) => (
              <>
                <p>{tDevices('devices.link.scan')}</p>
                <div class="devices__qr">
                  <QrCode text={link().link} label={tDevices('qr.device')} pixels={264} />
                </div>
                <p>
                  <strong>{tDevices('devices.link.expires', { date: formatDateTime(link().expiresAt) })}</strong>
                </p>
                <CopyField
                  id="device-link-url"
                  label={tDevices('devices.link.link')}
                  value={link().link}
                  copyLabel={tDevices('devices.link.copy')}
                  copiedLabel={tDevices('devices.link.copied')}
                />
              </>
            )}
          </Show>
        </div>
      </Dialog>
    </>
  )
}
