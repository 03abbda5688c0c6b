import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { createConfirmedAction } from '../components/confirmedAction'
import { For, Show, createMemo, createResource, createSignal, onCleanup } from 'solid-js'
import type { DeviceInfo, PlanSession } from '../../access/types'
import { formatDateTime, t } from '../i18n'
import { tDevices } from '../i18n/devices'
import { loadClient } from '../client'
import { LinkDeviceDialog } from './LinkDeviceDialog'
import './devices.css'

interface PlanDevicesEntry {
  planId: string
  title: string
  session: PlanSession
}

/**
 * "Mijn apparaten": this person's devices in each plan on this device (safety code, since when,
 * this device), a link for a new device, and removing a lost one.
 */
export function MyDevices() {
  const [plans] = createResource(async (): Promise<PlanDevicesEntry[]> => {
    const client = await loadClient()
    const opened = await Promise.all(
      (await client.listPlans()).map((p) =>
        client
          .openPlan(p.planId)
          .then((session) => ({ planId: p.planId, title: p.title, session }))
          .catch(() => null),
      ),
    )
    return opened.filter((p): p is PlanDevicesEntry => p !== null)
  })
  const [message, setMessage] = createSignal('')
  const removal = createConfirmedAction(
    (target: { plan: PlanDevicesEntry; device: DeviceInfo }) => target.plan.session.removeDevice(target.device.memberKey),
    () => tDevices('devices.failed'),
    () => setMessage(tDevices('devices.removed')),
  )
  const removing = removal.target

  return (
    <section class="panel devices" aria-labelledby="devices-title">
      <h2 id="devices-title">{tDevices('devices.title')}</h2>
      <p class="field__hint">{tDevices('devices.intro')}</p>
      <Show when={!plans.loading} fallback={<p class="muted">{tDevices('devices.loading')}</p>}>
        <Show when={(plans() ?? []).length > 0} fallback={<p class="muted">{tDevices('devices.noPlans')}</p>}>
          <LinkDeviceDialog planCount={(plans() ?? []).length} />
          <For each={plans()}>{(plan) => <PlanDevices plan={plan} onRemove={(device) => removal.ask({ plan, device })} />}</For>
        </Show>
      </Show>
      <p class="devices__message" role="status" aria-live="polite">
        {message()}
      </p>

      <ConfirmDangerDialog
        open={removing() !== null}
        id="device-remove"
        title={tDevices('devices.remove.title')}
        lead={tDevices('devices.remove.lead', { code: removing()?.device.safetyCode ?? '' })}
        consequences={[tDevices('devices.remove.access'), tDevices('devices.remove.key'), tDevices('devices.remove.kept')]}
        error={removal.error()}
        busy={removal.busy()}
        confirmLabel={tDevices('devices.remove.confirm')}
        busyLabel={tDevices('devices.remove.busy')}
        cancelLabel={tDevices('devices.cancel')}
        onConfirm={() => void removal.confirm()}
        onCancel={removal.cancel}
      />
    </section>
  )
}

/** One plan's table of this person's devices; refreshed whenever the plan's log may have changed. */
function PlanDevices(props: { plan: PlanDevicesEntry; onRemove: (device: DeviceInfo) => void }) {
  const [tick, setTick] = createSignal(0)
  onCleanup(props.plan.session.onStatus(() => setTick((n) => n + 1)))
  const devices = createMemo(
    () => {
      tick()
      return props.plan.session.myDevices()
    },
    undefined,
    {
      equals: (a, b) => a.length === b.length && a.every((d, i) => d.memberKey === b[i]!.memberKey && d.role === b[i]!.role),
    },
  )
  const child = () => props.plan.title || t('plan.childFallback')
  const headingId = `devices-plan-${props.plan.planId}`
  return (
    <section class="devices__plan" aria-labelledby={headingId}>
      <h3 id={headingId} class="devices__plan-title">
        {tDevices('devices.plan', { child: child() })}
      </h3>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden">{tDevices('devices.caption', { child: child() })}</caption>
          <thead>
            <tr>
              <th scope="col">{tDevices('devices.device')}</th>
              <th scope="col">{tDevices('devices.code')}</th>
              <th scope="col">{tDevices('devices.since')}</th>
              <th scope="col">{tDevices('devices.actions')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={devices()}>
              {(device) => (
                <tr data-member-key={device.memberKey} data-this-device={device.thisDevice ? 'true' : undefined}>
                  <th scope="row">{device.thisDevice ? tDevices('devices.thisDevice') : tDevices('devices.otherDevice')}</th>
                  <td>
                    <code class="devices__code" data-testid="device-code">
                      {device.safetyCode}
                    </code>
                  </td>
                  <td>{device.linkedBefore ? tDevices('devices.linkedBefore', { date: formatDateTime(device.linkedBefore) }) : tDevices('devices.first')}</td>
                  <td>
                    <Show when={!device.thisDevice} fallback={'–'}>
                      <button
                        type="button"
                        class="button button--danger button--small"
                        aria-haspopup="dialog"
                        aria-label={tDevices('devices.removeFor', { code: device.safetyCode })}
                        onClick={() => props.onRemove(device)}
                      >
                        {tDevices('devices.remove')}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  )
}
