import { For, Show, createMemo, createSignal } from 'solid-js'
import type { Contact, TeamMember } from '../../plan'
import { t } from '../i18n'
import { tPlan } from '../i18n/plan'
import { Dialog } from './Dialog'
import { TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { changedFields } from './formState'
import { createItemForm } from './itemForm'
import { sameIds, type SectionsModel } from './model'
import './plansections.css'
import { NAME_MAX, SHORT_TEXT_MAX } from '../../plan/limits'

const CONTACT_FIELDS = ['name', 'role', 'organisation', 'callFor', 'reach'] as const

type ContactValues = Record<(typeof CONTACT_FIELDS)[number], string>

/** A person on the sociale kaart: new (no id) or edited. */
function ContactForm(props: { model: SectionsModel; id?: string; onDone: () => void }) {
  const m = props.model
  const existing = props.id ? m.contact(props.id) : undefined
  const initial: ContactValues = {
    name: existing?.name ?? '',
    role: existing?.role ?? '',
    organisation: existing?.organisation ?? '',
    callFor: existing?.callFor ?? '',
    reach: existing?.reach ?? '',
  }
  const { values, set, errors, submit, remove } = createItemForm({
    writes: m.socialMap,
    id: props.id,
    initial,
    fields: CONTACT_FIELDS,
    me: m.me,
    onDone: props.onDone,
  })
  const fid = (k: string) => `contact-form-${k}`
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <TextField id={fid('name')} maxLength={NAME_MAX} label={tPlan('contacts.name')} value={values().name} onInput={set('name')} error={errors.of('name')} />
      <TextField
        id={fid('role')}
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.role')}
        hint={tPlan('contacts.roleHint')}
        value={values().role}
        onInput={set('role')}
        optional
        error={errors.of('role')}
      />
      <TextField
        id={fid('organisation')}
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.organisation')}
        value={values().organisation}
        onInput={set('organisation')}
        optional
        error={errors.of('organisation')}
      />
      <TextField
        id={fid('callFor')}
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.callFor')}
        hint={tPlan('contacts.callForHint')}
        value={values().callFor}
        onInput={set('callFor')}
        optional
        error={errors.of('callFor')}
      />
      <TextField
        id={fid('reach')}
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.reach')}
        hint={tPlan('contacts.reachHint')}
        value={values().reach}
        onInput={set('reach')}
        optional
        error={errors.of('reach')}
      />
      <FormFooter
        error={errors.general()}
        submitLabel={props.id ? tPlan('common.save') : tPlan('contacts.add')}
        onCancel={props.onDone}
        onRemove={remove}
        removeLabel={tPlan('contacts.removeOf', { name: initial.name })}
      />
    </form>
  )
}

/** The plan's own contact details of a team member: organisation, "bel mij voor…", how to reach. */
function TeamMemberForm(props: { model: SectionsModel; id: string; onDone: () => void }) {
  const m = props.model
  const member = m.team().find((x) => x.id === props.id)
  const initial = { organisation: member?.organisation ?? '', callFor: member?.callFor ?? '', reach: member?.reach ?? '' }
  const [organisation, setOrganisation] = createSignal(initial.organisation)
  const [callFor, setCallFor] = createSignal(initial.callFor)
  const [reach, setReach] = createSignal(initial.reach)
  const errors = createFormErrors()
  const submit = errors.submitting(['organisation', 'callFor', 'reach'], () => {
    const patch = changedFields(initial, { organisation: organisation(), callFor: callFor(), reach: reach() })
    m.teamAccessor.update(props.id, Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v.trim()])))
    props.onDone()
  })
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <TextField
        id="team-form-organisation"
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.organisation')}
        value={organisation()}
        onInput={setOrganisation}
        optional
        error={errors.of('organisation')}
      />
      <TextField
        id="team-form-callFor"
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.callFor')}
        hint={tPlan('contacts.callForHint')}
        value={callFor()}
        onInput={setCallFor}
        optional
        error={errors.of('callFor')}
      />
      <TextField
        id="team-form-reach"
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('contacts.reach')}
        hint={tPlan('contacts.reachHint')}
        value={reach()}
        onInput={setReach}
        optional
        error={errors.of('reach')}
      />
      <FormFooter error={errors.general()} submitLabel={tPlan('common.save')} onCancel={props.onDone} />
    </form>
  )
}

function ContactFacts(props: { organisation: string; callFor: string; reach: string; extra?: string }) {
  return (
    <>
      <ul class="sp-facts">
        <Show when={props.extra}>
          <li>{props.extra}</li>
        </Show>
        <Show when={props.organisation}>
          <li>{props.organisation}</li>
        </Show>
      </ul>
      <Show when={props.callFor}>
        <p class="sp-item__text">{tPlan('contacts.callForLine', { text: props.callFor })}</p>
      </Show>
      <Show when={props.reach}>
        <p class="sp-item__text">{tPlan('contacts.reachLine', { text: props.reach })}</p>
      </Show>
    </>
  )
}

/** One team member in the plan's contact list. */
function TeamCard(props: { model: SectionsModel; member: TeamMember; name: string; onEdit: () => void }) {
  return (
    <li class="sp-item ps-contact" data-team-id={props.member.id}>
      <div class="sp-item__head">
        <h4 class="sp-item__title">{props.name}</h4>
        <Show when={props.model.canEdit()}>
          <button
            type="button"
            class="button button--secondary button--small"
            aria-haspopup="dialog"
            aria-label={tPlan('contacts.editOf', { name: props.name })}
            onClick={() => props.onEdit()}
          >
            {tPlan('common.edit')}
          </button>
        </Show>
      </div>
      <ContactFacts
        organisation={props.member.organisation}
        callFor={props.member.callFor}
        reach={props.member.reach}
        extra={`${tPlan('contacts.accessRole')}: ${t(`role.${props.member.role}`)}`}
      />
    </li>
  )
}

/** Betrokkenen (the team's own contact list) and the sociale kaart ("wie bel je waarvoor"). */
export function ContactsSection(props: { model: SectionsModel }) {
  const m = props.model
  const [editingMember, setEditingMember] = createSignal<string | null>(null)
  const [editingContact, setEditingContact] = createSignal<string | null>(null)
  const [adding, setAdding] = createSignal(false)
  const memberName = (x: TeamMember) => {
    const name = x.name.trim() || tPlan('contacts.noName')
    return x.memberKey !== '' && x.memberKey === m.me ? tPlan('contacts.you', { name }) : name
  }
  // keyed by id: saving a member's details must not remount the card (focus returns to its button)
  const teamIds = createMemo(() => m.team().map((x) => x.id), [], { equals: sameIds })
  const memberById = createMemo(() => new Map(m.team().map((x) => [x.id, x])))
  const memberBeingEdited = () => m.team().find((x) => x.id === editingMember())
  const contactName = (c: Contact) => c.name.trim() || tPlan('contacts.noName')
  return (
    <section class="sp-section" id="sp-contacts" aria-labelledby="contacts-title">
      <h2 id="contacts-title" tabindex="-1">
        {tPlan('contacts.title')}
      </h2>
      <p class="muted">{tPlan('contacts.intro')}</p>

      <h3 class="sp-subtitle" id="contacts-team-title">
        {tPlan('contacts.team')}
      </h3>
      <p class="muted">{tPlan('contacts.teamIntro')}</p>
      <Show when={m.team().length > 0} fallback={<p class="empty">{tPlan('contacts.teamEmpty')}</p>}>
        <ul class="sp-list ps-contacts" aria-labelledby="contacts-team-title">
          <For each={teamIds()}>
            {(id) => (
              <Show when={memberById().get(id)}>{(x) => <TeamCard model={m} member={x()} name={memberName(x())} onEdit={() => setEditingMember(id)} />}</Show>
            )}
          </For>
        </ul>
      </Show>

      <div class="section-head">
        <h3 class="sp-subtitle" id="contacts-social-title">
          {tPlan('contacts.social')}
        </h3>
        <Show when={m.canEdit()}>
          <button type="button" class="button" aria-haspopup="dialog" onClick={() => setAdding(true)}>
            {tPlan('contacts.add')}
          </button>
        </Show>
      </div>
      <p class="muted">{tPlan('contacts.socialIntro')}</p>
      <Show when={m.contactIds().length > 0} fallback={<p class="empty">{tPlan('contacts.socialEmpty')}</p>}>
        <ul class="sp-list ps-contacts ps-social" aria-labelledby="contacts-social-title">
          <For each={m.contactIds()}>
            {(id) => (
              <Show when={m.contact(id)}>
                {(c) => (
                  <li class="sp-item ps-contact ps-contact--outside" data-contact-id={id}>
                    <div class="sp-item__head">
                      <h4 class="sp-item__title">{contactName(c())}</h4>
                      <Show when={m.canEdit()}>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-haspopup="dialog"
                          aria-label={tPlan('contacts.editOf', { name: contactName(c()) })}
                          onClick={() => setEditingContact(id)}
                        >
                          {tPlan('common.edit')}
                        </button>
                      </Show>
                    </div>
                    <ContactFacts organisation={c().organisation} callFor={c().callFor} reach={c().reach} extra={c().role} />
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>

      <Dialog
        id="team-edit"
        open={editingMember() !== null}
        onClose={() => setEditingMember(null)}
        title={tPlan('contacts.teamEditTitle', { name: memberBeingEdited() ? memberName(memberBeingEdited()!) : '' })}
      >
        <TeamMemberForm model={m} id={editingMember() ?? ''} onDone={() => setEditingMember(null)} />
      </Dialog>
      <Dialog id="contact-edit" open={editingContact() !== null} onClose={() => setEditingContact(null)} title={tPlan('contacts.editTitle')}>
        <ContactForm model={m} id={editingContact() ?? undefined} onDone={() => setEditingContact(null)} />
      </Dialog>
      <Dialog id="contact-add" open={adding()} onClose={() => setAdding(false)} title={tPlan('contacts.addTitle')}>
        <ContactForm model={m} onDone={() => setAdding(false)} />
      </Dialog>
    </section>
  )
}
