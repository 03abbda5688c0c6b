import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { t } from '../i18n'

interface Person {
  clientId: number
  name: string
  color: string
  self: boolean
}

function peopleIn(awareness: Awareness): Person[] {
  const out: Person[] = []
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user
    if (!user || typeof user.name !== 'string') return
    out.push({ clientId, name: user.name, color: typeof user.color === 'string' ? user.color : '#4b5563', self: clientId === awareness.clientID })
  })
  return out.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
}

/** Who is here now, from presence (names and colours only). */
export function Presence(props: { awareness: Awareness }) {
  const [people, setPeople] = createSignal<Person[]>(peopleIn(props.awareness))
  const update = () => setPeople(peopleIn(props.awareness))
  props.awareness.on('change', update)
  onCleanup(() => props.awareness.off('change', update))

  return (
    <section class="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" class="presence__title">
        {t('presence.title')}
      </h2>
      <ul class="presence__list">
        <For each={people()}>
          {(p) => (
            <li class="presence__person" data-client={p.clientId}>
              <span class="presence__swatch" aria-hidden="true" ref={(el) => (el.style.backgroundColor = p.color)} />
              {p.self ? t('presence.you', { name: p.name }) : p.name}
            </li>
          )}
        </For>
      </ul>
      <Show when={people().filter((p) => !p.self).length === 0}>
        <p class="muted presence__alone">{t('presence.alone')}</p>
      </Show>
    </section>
  )
}
