/**
 * "Overdragen aan een nieuwe school" for a parent with gezag: what goes along (a checkbox per
 * part), the new school and its IB, the consent's purpose and end, and until when the old school
 * still reads this plan. The access layer makes the new plan (handOverPlan); this view asks and
 * hands out the link for the new school's IB.
 */
import { For, Show, createSignal } from 'solid-js'
import { handOverPlan } from '../../access/planHandover'
import type { PlanSession } from '../../access/types'
import { TRANSFER_SECTIONS, type TransferSection } from '../../plan/transferSeed'
import { loadClient } from '../client'
import { tClosure, type ClosureKey } from '../i18n/closure'
import { todayIso } from '../i18n/plan'
import { navigate } from '../router'
import { CopyField } from './CopyField'
import { SelectField, TextField } from './Field'
import { FormFooter } from './FormFooter'
import { Dialog } from '../sections/Dialog'

const DAY = 24 * 60 * 60 * 1000
/** the end of a chosen calendar day on this device */
const endOfDay = (iso: string) => (iso ? new Date(`${iso}T23:59:59`).getTime() : Number.NaN)
const isoIn = (days: number) => todayIso(new Date(Date.now() + days * DAY))

export function HandoverButton(props: { session: PlanSession }) {
  const [open, setOpen] = createSignal(false)
  const [parts, setParts] = createSignal<Set<TransferSection>>(new Set(TRANSFER_SECTIONS))
  const [school, setSchool] = createSignal('')
  const [receiver, setReceiver] = createSignal('')
  const [purpose, setPurpose] = createSignal(tClosure('handover.purpose.default'))
  const [consentUntil, setConsentUntil] = createSignal(isoIn(365))
  const [sendingOrg, setSendingOrg] = createSignal('')
  const [sendingEnds, setSendingEnds] = createSignal(isoIn(30))
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [result, setResult] = createSignal<{ planId: string; inviteLink: string } | null>(null)
  // organisations with live consent: the old school is one of them
  // (a closed plan takes no new consent: then the old school's end is not asked)
  const schools = () => (props.session.closure() ? [] : props.session.consents().filter((c) => c.status === 'live'))

  const toggle = (part: TransferSection, on: boolean) => {
    const next = new Set(parts())
    if (on) next.add(part)
    else next.delete(part)
    setParts(next)
  }
  const submit = async (e: Event) => {
    e.preventDefault()
    setError('')
    const until = endOfDay(consentUntil())
    const ends = endOfDay(sendingEnds())
    const now = Date.now()
    if (!school().trim() || parts().size === 0 || !(until > now) || (sendingOrg() && !(ends > now))) return setError(tClosure('handover.missing'))
    setBusy(true)
    try {
      const handover = await handOverPlan(await loadClient(), props.session, {
        sections: TRANSFER_SECTIONS.filter((p) => parts().has(p)),
        receivingSchool: school().trim(),
        ...(receiver().trim() ? { receiverName: receiver().trim() } : {}),
        purpose: purpose().trim() || tClosure('handover.purpose.default'),
        consentUntil: until,
        ...(sendingOrg() ? { sending: { organisationId: sendingOrg(), accessEndsAt: ends, purpose: purpose().trim() } } : {}),
      })
      setResult(handover)
    } catch {
      setError(tClosure('handover.failed'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" class="button button--secondary" onClick={() => setOpen(true)}>
        {tClosure('handover.button')}
      </button>
      <Dialog open={open()} onClose={() => setOpen(false)} id="handover" title={tClosure('handover.title')}>
        <Show
          when={result()}
          fallback={
            <form autocomplete="off" class="form" onSubmit={submit} novalidate>
              <p>{tClosure('handover.intro')}</p>
              <fieldset class="fieldset">
                <legend class="field__label">{tClosure('handover.parts')}</legend>
                <For each={TRANSFER_SECTIONS}>
                  {(part) => (
                    <div class="choice">
                      <input id={`handover-${part}`} type="checkbox" checked={parts().has(part)} onChange={(e) => toggle(part, e.currentTarget.checked)} />
                      <label for={`handover-${part}`}>{tClosure(`handover.part.${part}` as ClosureKey)}</label>
                    </div>
                  )}
                </For>
              </fieldset>
              <TextField id="handover-school" maxLength={120} label={tClosure('handover.school')} value={school()} onInput={setSchool} />
              <TextField id="handover-receiver" maxLength={80} label={tClosure('handover.receiver')} value={receiver()} onInput={setReceiver} />
              <TextField id="handover-purpose" maxLength={500} multiline rows={2} label={tClosure('handover.purpose')} value={purpose()} onInput={setPurpose} />
              <TextField id="handover-until" type="date" label={tClosure('handover.consentUntil')} value={consentUntil()} onInput={setConsentUntil} />
              <Show when={schools().length}>
                <SelectField
                  id="handover-sending"
                  label={tClosure('handover.sending')}
                  options={['', ...schools().map((c) => c.organisationId)]}
                  value={sendingOrg()}
                  onChange={setSendingOrg}
                  labelOf={(id) => (id ? (schools().find((c) => c.organisationId === id)?.organisationName ?? '') : tClosure('handover.sending.none'))}
                />
                <Show when={sendingOrg()}>
                  <TextField id="handover-ends" type="date" label={tClosure('handover.sendingEnds')} value={sendingEnds()} onInput={setSendingEnds} />
                </Show>
              </Show>
              <FormFooter error={error()} busy={busy()} submitLabel={tClosure('handover.submit')} busyLabel={tClosure('handover.busy')} />
            </form>
          }
        >
          {(done) => (
            <div class="form">
              <p role="status">{tClosure('handover.done')}</p>
              <CopyField
                id="handover-link"
                label={tClosure('handover.link')}
                value={done().inviteLink}
                copyLabel={tClosure('handover.copy')}
                copiedLabel={tClosure('handover.copied')}
              />
              <div class="actions">
                <button
                  type="button"
                  class="button"
                  onClick={() => {
                    setOpen(false)
                    navigate({ name: 'plan', planId: done().planId })
                  }}
                >
                  {tClosure('handover.open')}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Dialog>
    </>
  )
}
