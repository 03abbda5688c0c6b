/** Controls the sections share: radio groups in a fieldset, member and goal selects (the labelled field around a control is components/Field). */
import { For, Show } from 'solid-js'
import type { SectionsModel } from './model'
import { tPlan } from '../i18n/plan'

export function RadioGroup<T extends string>(props: {
  name: string
  legend: string
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  label: (value: T) => string
  help?: (value: T) => string
  disabled?: boolean
  inline?: boolean
}) {
  return (
    <fieldset class="fieldset sp-radios" classList={{ 'sp-radios--inline': props.inline }} disabled={props.disabled}>
      <legend class="field__label">{props.legend}</legend>
      <div class="sp-radios__options">
        <For each={props.options}>
          {(option) => {
            const id = `${props.name}-${option.replace(/[^A-Za-z0-9]+/g, '-')}`
            return (
              <div class="choice">
                <input
                  type="radio"
                  name={props.name}
                  id={id}
                  value={option}
                  checked={props.value === option}
                  onChange={() => props.onChange(option)}
                  aria-describedby={props.help ? `${id}-help` : undefined}
                />
                <label for={id}>
                  <span class="choice__title">{props.label(option)}</span>
                  <Show when={props.help}>
                    {(help) => (
                      <span class="choice__help" id={`${id}-help`}>
                        {help()(option)}
                      </span>
                    )}
                  </Show>
                </label>
              </div>
            )
          }}
        </For>
      </div>
    </fieldset>
  )
}

/** A team member by key; '' is "nobody yet". */
export function MemberSelect(props: {
  model: SectionsModel
  id: string
  value: string
  onChange: (key: string) => void
  disabled?: boolean
  emptyLabel?: string
}) {
  return (
    <select id={props.id} class="input" disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="" selected={props.value === ''}>
        {props.emptyLabel ?? tPlan('common.nobody')}
      </option>
      <For each={props.model.people()}>
        {(m) => (
          <option value={m.memberKey} selected={props.value === m.memberKey}>
            {m.name}
          </option>
        )}
      </For>
      <Show when={props.value !== '' && !props.model.people().some((m) => m.memberKey === props.value)}>
        <option value={props.value} selected>
          {props.model.nameOf(props.value)}
        </option>
      </Show>
    </select>
  )
}

/** A goal to link to; '' is none. Open goals first, then the rest. */
export function GoalSelect(props: {
  model: SectionsModel
  id: string
  value: string
  onChange: (goalId: string) => void
  disabled?: boolean
  emptyLabel: string
  describedBy?: string
}) {
  const goals = () => [...props.model.goalList()].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'))
  return (
    <select id={props.id} class="input" disabled={props.disabled} aria-describedby={props.describedBy} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="" selected={props.value === ''}>
        {props.emptyLabel}
      </option>
      <For each={goals()}>
        {(g) => (
          <option value={g.id} selected={props.value === g.id}>
            {props.model.goalTitle(g.id)}
          </option>
        )}
      </For>
    </select>
  )
}

export const OTHER = '__other'
