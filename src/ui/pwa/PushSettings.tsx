import { For, Show, createResource, createSignal } from 'solid-js'
import type { PushMode, PushState } from '../../access/types'
import { loadClient } from '../client'
import { tDue } from '../i18n/due'
import { tPwa } from '../i18n/pwa'
import { RadioGroup } from '../sections/fields'

type PushChoice = PushMode | 'none'
const CHOICES: readonly PushChoice[] = ['all', 'mine', 'none']

interface PlanPush {
  planId: string
  name: string
  state: PushState
  choice: PushChoice
}

async function readPlans(): Promise<PlanPush[]> {
  const client = await loadClient()
  const plans = await client.listPlans()
  return Promise.all(
    plans.map(async (p) => {
      const state = await client.pushState(p.planId)
      return { planId: p.planId, name: p.title, state, choice: state === 'on' ? await client.pushMode(p.planId) : 'none' }
    }),
  )
}

/**
 * "Meldingen op dit apparaat": per plan a choice of all new things, only my afspraken and
 * meetings, or nothing (opt-in per device and plan, issue 10 §3).
 */
export function PushSettings() {
  const [plans, { refetch }] = createResource(readPlans)
  const [busy, setBusy] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal<string | null>(null)
  const why = (state: PushState) =>
    state === 'unsupported' ? tPwa('push.unsupported') : state === 'denied' ? tPwa('push.denied') : state === 'unavailable' ? tPwa('push.unavailable') : null
  const choose = async (plan: PlanPush, choice: PushChoice) => {
    setBusy(plan.planId)
    setProblem(null)
    try {
      await (await loadClient()).setPush(plan.planId, choice)
    } catch (err) {
      const code = (err as { code?: string }).code
      setProblem(
        code === 'push-unsupported'
          ? tPwa('push.unsupported')
          : code === 'push-denied'
            ? tPwa('push.denied')
            : code === 'push-unavailable'
              ? tPwa('push.unavailable')
              : tPwa('push.failed'),
      )
    } finally {
      setBusy(null)
      await refetch()
    }
  }
  return (
    <section class="panel form" aria-labelledby="push-title">
      <h2 id="push-title" class="utrecht-heading-2">
        {tPwa('push.title')}
      </h2>
      <p class="utrecht-paragraph">{tPwa('push.intro')}</p>
      <Show when={plans()}>
        {(list) => (
          <>
            <Show when={list().length === 0}>
              <p class="utrecht-paragraph">{tPwa('push.none')}</p>
            </Show>
            <Show when={list().find((p) => why(p.state))}>{(p) => <p class="utrecht-paragraph push-why">{why(p().state)}</p>}</Show>
            <For each={list()}>
              {(plan) => (
                <RadioGroup
                  name={`push-${plan.planId}`}
                  legend={tPwa('push.plan', { name: plan.name })}
                  options={CHOICES}
                  value={plan.choice}
                  disabled={busy() !== null || why(plan.state) !== null}
                  onChange={(choice) => void choose(plan, choice)}
                  label={(c) => tDue(`due.push.${c}`)}
                  help={(c) => tDue(`due.push.${c}.help`)}
                />
              )}
            </For>
          </>
        )}
      </Show>
      <Show when={problem()}>
        <p class="utrecht-form-field-error-message" role="alert">
          {problem()}
        </p>
      </Show>
    </section>
  )
}
