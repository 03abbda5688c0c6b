/**
 * The talks with the parents about the OPP: the OOGO before it is set and the yearly evaluation,
 * each a dated record of who took part and what came out of it. Editors record them; everyone
 * reads them. The yearly reminder counts from the newest evaluation (src/plan/reminders.ts).
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import { createOppConversations, OPP_CONVERSATION_KINDS, type OppConversation, type OppConversationKind } from '../../plan'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../plan/limits'
import { tOpp } from '../i18n/opp'
import { formatPlanDate, todayIso } from '../i18n/plan'
import { TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { Dialog } from './Dialog'
import { createFormErrors } from './formErrors'
import { RadioGroup } from './fields'
import type { SectionsModel } from './model'

const kindLabel = (k: OppConversationKind) => tOpp(`talks.kind.${k}`)

export function OppTalks(props: { model: SectionsModel }) {
  const m = props.model
  const store = createOppConversations(m.doc)
  const [talks, setTalks] = createSignal<OppConversation[]>(store.list())
  onCleanup(store.observe(setTalks))
  const [adding, setAdding] = createSignal(false)
  return (
    <div class="ps-opp-part" id="sp-opp-talks">
      <h3 class="sp-subtitle" id="talks-title">
        {tOpp('talks.title')}
      </h3>
      <p class="muted">{tOpp('talks.intro')}</p>
      <Show when={talks().length > 0} fallback={<p class="empty">{tOpp('talks.empty')}</p>}>
        <ul class="sp-list" aria-labelledby="talks-title" data-testid="opp-talks">
          <For each={talks()}>{(c) => <TalkLine model={m} talk={c} />}</For>
        </ul>
      </Show>
      <Show when={m.canEdit()}>
        <button type="button" class="button button--secondary" aria-haspopup="dialog" onClick={() => setAdding(true)}>
          {tOpp('talks.add')}
        </button>
      </Show>
      <Dialog id="talks-add" open={adding()} onClose={() => setAdding(false)} title={tOpp('talks.addTitle')}>
        <TalkForm
          model={m}
          onCancel={() => setAdding(false)}
          onSave={(fields) => {
            store.add(fields, m.me)
            setAdding(false)
          }}
        />
      </Dialog>
    </div>
  )
}

function TalkLine(props: { model: SectionsModel; talk: OppConversation }) {
  const c = () => props.talk
  const names = () => [...c().participantKeys.map((k) => props.model.nameOf(k)), ...(c().others ? [c().others] : [])].join(', ')
  return (
    <li data-kind={c().kind}>
      <strong>{tOpp('talks.line', { what: kindLabel(c().kind), date: formatPlanDate(c().date) })}</strong>
      <p>{tOpp('talks.present', { names: names() || tOpp('talks.nobody') })}</p>
      <p>{c().outcome}</p>
    </li>
  )
}

function TalkForm(props: {
  model: SectionsModel
  onSave: (fields: { kind: OppConversationKind; date: string; participantKeys: string[]; others: string; outcome: string }) => void
  onCancel: () => void
}) {
  const m = props.model
  const [kind, setKind] = createSignal<OppConversationKind>('oogo')
  const [date, setDate] = createSignal(todayIso())
  const [present, setPresent] = createSignal<string[]>([])
  const [others, setOthers] = createSignal('')
  const [outcome, setOutcome] = createSignal('')
  const errors = createFormErrors()
  const toggle = (key: string, on: boolean) => setPresent((p) => (on ? [...p, key] : p.filter((k) => k !== key)))
  return (
    <form
      autocomplete="off"
      class="form"
      novalidate
      onSubmit={errors.submitting(['date', 'participantKeys', 'others', 'outcome'], () =>
        props.onSave({ kind: kind(), date: date(), participantKeys: present(), others: others(), outcome: outcome() }),
      )}
    >
      <RadioGroup name="talks-kind" legend={tOpp('talks.kindLegend')} options={OPP_CONVERSATION_KINDS} value={kind()} onChange={setKind} label={kindLabel} />
      <TextField id="talks-date" type="date" label={tOpp('talks.date')} value={date()} onInput={setDate} error={errors.of('date')} />
      <fieldset class="fieldset">
        <legend class="field__label">{tOpp('talks.who')}</legend>
        <For each={m.people()}>
          {(p) => (
            <div class="sp-check">
              <input
                type="checkbox"
                id={`talks-who-${p.memberKey}`}
                checked={present().includes(p.memberKey)}
                onChange={(e) => toggle(p.memberKey, e.currentTarget.checked)}
              />
              <label for={`talks-who-${p.memberKey}`}>{p.name}</label>
            </div>
          )}
        </For>
      </fieldset>
      <TextField
        id="talks-others"
        label={tOpp('talks.others')}
        hint={tOpp('talks.othersHint')}
        optional
        value={others()}
        onInput={setOthers}
        maxLength={SHORT_TEXT_MAX}
        error={errors.of('others')}
      />
      <TextField
        id="talks-outcome"
        label={tOpp('talks.outcome')}
        value={outcome()}
        onInput={setOutcome}
        multiline
        rows={4}
        maxLength={LONG_TEXT_MAX}
        error={errors.of('outcome')}
      />
      <FormFooter error={errors.general()} submitLabel={tOpp('talks.add')} onCancel={props.onCancel} />
    </form>
  )
}
