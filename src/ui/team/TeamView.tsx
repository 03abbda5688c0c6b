import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { createConfirmedAction } from '../components/confirmedAction'
import { For, Show, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js'
import { ROLES, type PlanSession, type Role } from '../../access/types'
import { createTeam, type TeamMember } from '../../plan'
import { formatDateTime, t } from '../i18n'
import { tTeam } from '../i18n/team'
import { tConsent } from '../i18n/consent'
import { tGuest } from '../i18n/guest'
import '../guest/guest.css'
import '../devices/devices.css'
import './team.css'

/**
 * A signal that changes whenever the plan's log may have changed (every status event follows an
 * envelope update), on extra sources, and once in a while (invites expire by the clock).
 */
export function createPlanTick(session: PlanSession, ...sources: ((bump: () => void) => () => void)[]): Accessor<number> {
  const [tick, setTick] = createSignal(0)
  const bump = () => setTick((n) => n + 1)
  onCleanup(session.onStatus(bump))
  for (const source of sources) onCleanup(source(bump))
  const timer = setInterval(bump, 30_000)
  onCleanup(() => clearInterval(timer))
  return tick
}

interface MemberRow {
  memberKey: string
  role: Role
  name: string
  organisation: string
  since: number
  /** ms: the membership ends then (R13, a guest); 0: no end */
  accessUntil: number
  isMe: boolean
  /** every device key of this person (one row per person) */
  devices: string[]
}

/**
 * "Betrokkenen": every member as the signed log says, with name and organisation from the plan's
 * team list, the safety code to compare in person, and for an admin: change role, remove, and the
 * open invites to withdraw. Everyone else sees the list read-only.
 */
export function TeamView(props: { session: PlanSession; role: () => Role; me: string; myName: string }) {
  const session = props.session
  const team = createTeam(session.doc)
  const tick = createPlanTick(session, (bump) => team.observe(bump))
  const isAdmin = () => props.role() === 'admin'

  const [message, setMessage] = createSignal('')
  // P7: re-read with every change the view hears of (a new snapshot moves the point)
  const planState = createMemo(
    () => {
      tick()
      return session.planState()
    },
    undefined,
    { equals: false },
  )
  const removal = createConfirmedAction(
    (row: MemberRow) => session.removeMember(row.memberKey),
    () => tTeam('team.failed'),
    (row) => setMessage(tTeam('team.removed', { name: row.name })),
  )
  const removing = removal.target

  const entries = createMemo(
    () => {
      tick()
      return team.list()
    },
    undefined,
    { equals: false },
  )
  const entryFor = (key: string): TeamMember | undefined => entries().find((e) => e.memberKey === key)

  // who someone is, as the signed log says (R12), then the organisation's name
  const affiliationOf = (key: string, fromTeam: string): string => {
    const party = session.party(key)
    const orgId = session.organisationOf(key)
    const orgName = (orgId && session.organisations().find((o) => o.id === orgId)?.name) || fromTeam
    if (!party) return fromTeam
    return orgName ? `${tConsent(`party.short.${party}`)} · ${orgName}` : tConsent(`party.short.${party}`)
  }

  const rows = createMemo(
    () => {
      tick()
      // one row per person: its first device still in the plan stands for it, the others are counted
      const map = new Map<string, MemberRow>()
      const members = session.members()
      const byPerson = new Map<string, typeof members>()
      for (const m of members) byPerson.set(m.person, [...(byPerson.get(m.person) ?? []), m])
      for (const [person, devices] of byPerson) {
        const m = devices.find((d) => d.memberKey === person) ?? devices[0]!
        const keys = devices.map((d) => d.memberKey)
        const entry = entryFor(person) ?? keys.map(entryFor).find((e) => e)
        const isMe = keys.includes(props.me)
        map.set(m.memberKey, {
          memberKey: m.memberKey,
          role: m.role,
          name: entry?.name || (isMe ? props.myName : '') || tTeam('team.unknown'),
          organisation: affiliationOf(m.memberKey, entry?.organisation ?? ''),
          since: entry?.createdAt ?? 0,
          accessUntil: m.accessUntil ?? 0,
          isMe,
          devices: keys,
        })
      }
      return map
    },
    undefined,
    { equals: false },
  )
  // keyed by member key (strings), so a row and its role choice survive every refresh
  const keys = createMemo(() => [...rows().keys()], undefined, {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  })

  const invites = createMemo(
    () => {
      tick()
      return isAdmin() ? session.openInvites() : []
    },
    undefined,
    { equals: false },
  )
  // a member's link for its own next device is named after that person
  const deviceLinkBy = createMemo(
    () =>
      new Map(
        invites()
          .filter((i) => i.forDevice)
          .map((i) => [i.inviteKey, i.by]),
      ),
  )
  const personName = (key: string) => [...rows().values()].find((r) => r.devices.includes(key))?.name ?? tTeam('team.unknown')
  const inviteName = (key: string) => {
    const by = deviceLinkBy().get(key)
    return by !== undefined ? tTeam('team.deviceLink', { name: personName(by) }) : entryFor(key)?.name || tTeam('team.invites.unnamed')
  }

  const changeRole = (row: MemberRow, role: Role) => {
    try {
      for (const key of row.devices) session.changeRole(key, role)
      setMessage(tTeam('team.roleChanged', { name: row.name, role: t(`role.${role}`) }))
    } catch {
      setMessage(tTeam('team.failed'))
    }
  }

  const withdraw = (inviteKey: string) => {
    const name = inviteName(inviteKey)
    try {
      session.withdrawInvite(inviteKey)
      setMessage(tTeam('team.invites.withdrawn', { name }))
    } catch {
      setMessage(tTeam('team.failed'))
    }
  }

  const openRemove = (row: MemberRow) => removal.ask(row)

  return (
    <section class="sp-section team" aria-labelledby="team-title" id="team">
      <h2 id="team-title">{tTeam('team.title')}</h2>
      <p class="muted">{tTeam('team.intro')}</p>
      <Show when={!isAdmin()}>
        <p class="muted">{tTeam('team.readOnly')}</p>
      </Show>
      <div class="table-scroll" tabindex="0" role="group" aria-label={tTeam('team.caption')}>
        <table class="data-table">
          <caption class="visually-hidden">{tTeam('team.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tTeam('team.name')}</th>
              <th scope="col">{tTeam('team.role')}</th>
              <th scope="col">{tTeam('team.organisation')}</th>
              <th scope="col">{tTeam('team.since')}</th>
              <th scope="col" aria-describedby="team-code-help">
                {tTeam('team.code')}
              </th>
              <Show when={isAdmin()}>
                <th scope="col">{tTeam('team.actions')}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={keys()}>
              {(key) => {
                // the last known row: a removed member's row may read once more before it goes
                let last = rows().get(key)!
                const row = () => (last = rows().get(key) ?? last)
                const [choice, setChoice] = createSignal<Role>(row().role)
                return (
                  <tr class="team__row" data-member-key={key} data-me={row().isMe ? 'true' : undefined}>
                    <th scope="row" class="team__name">
                      {row().isMe ? tTeam('team.you', { name: row().name }) : row().name}
                      <Show when={row().devices.length > 1}>
                        <span class="team__devices">{tTeam('team.devices', { n: row().devices.length })}</span>
                      </Show>
                    </th>
                    <td data-role={row().role}>
                      {t(`role.${row().role}`)}
                      <Show when={row().accessUntil}>
                        {(until) => <span class="team__access">{tGuest('guest.member.until', { date: formatDateTime(until()) })}</span>}
                      </Show>
                    </td>
                    <td>{row().organisation || tTeam('team.none')}</td>
                    <td>{row().since ? formatDateTime(row().since) : tTeam('team.none')}</td>
                    <td>
                      <For each={row().devices}>
                        {(device) => (
                          <code class="team__code" data-testid="safety-code">
                            {session.safetyCode(device)}
                          </code>
                        )}
                      </For>
                    </td>
                    <Show when={isAdmin()}>
                      <td>
                        <Show when={!row().isMe} fallback={tTeam('team.none')}>
                          <div class="team__manage">
                            <select
                              class="input select team__select"
                              aria-label={tTeam('team.roleFor', { name: row().name })}
                              onChange={(e) => setChoice(e.currentTarget.value as Role)}
                            >
                              <For each={ROLES}>
                                {(r) => (
                                  <option value={r} selected={choice() === r}>
                                    {t(`role.${r}`)}
                                  </option>
                                )}
                              </For>
                            </select>
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              disabled={choice() === row().role}
                              aria-label={tTeam('team.changeRoleFor', { name: row().name })}
                              onClick={() => changeRole(row(), choice())}
                            >
                              {tTeam('team.changeRole')}
                            </button>
                            <button
                              type="button"
                              class="button button--danger button--small"
                              aria-label={tTeam('team.removeFor', { name: row().name })}
                              aria-haspopup="dialog"
                              onClick={() => openRemove(row())}
                            >
                              {tTeam('team.remove')}
                            </button>
                          </div>
                        </Show>
                      </td>
                    </Show>
                  </tr>
                )
              }}
            </For>
          </tbody>
        </table>
      </div>
      <p id="team-code-help" class="field__hint team__code-help">
        {tTeam('team.codeHelp')}
      </p>
      <div class="team__plan-state" data-testid="plan-state">
        <p>
          {tTeam('team.planState')}{' '}
          <Show when={planState().code} fallback={<span data-testid="plan-state-code">{tTeam('team.planStateNone')}</span>}>
            {(code) => (
              <code class="team__code" data-testid="plan-state-code">
                {code()}
              </code>
            )}
          </Show>
        </p>
        <p class="field__hint">{tTeam('team.planStateHelp')}</p>
        <Show when={planState().differs.length > 0}>
          <p class="team__plan-state-differs" role="alert" data-testid="plan-state-differs">
            {tTeam('team.planStateDiffers', {
              names: planState()
                .differs.map((d) => d.name)
                .join(', '),
            })}
          </p>
        </Show>
      </div>

      <Show when={isAdmin()}>
        <h3 class="sp-subtitle" id="team-invites-title">
          {tTeam('team.invites.title')}
        </h3>
        <Show when={invites().length > 0} fallback={<p class="muted">{tTeam('team.invites.none')}</p>}>
          <div class="table-scroll" tabindex="0" role="group" aria-labelledby="team-invites-title">
            <table class="data-table" aria-labelledby="team-invites-title">
              <caption class="visually-hidden">{tTeam('team.invites.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tTeam('team.invites.for')}</th>
                  <th scope="col">{tTeam('team.role')}</th>
                  <th scope="col">{tTeam('team.invites.expires')}</th>
                  <th scope="col">{tTeam('team.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={invites()}>
                  {(invite) => (
                    <tr data-invite-key={invite.inviteKey}>
                      <th scope="row" class="team__name">
                        {inviteName(invite.inviteKey)}
                      </th>
                      <td>{t(`role.${invite.role}`)}</td>
                      <td>
                        <time datetime={new Date(invite.expiresAt).toISOString()}>{formatDateTime(invite.expiresAt)}</time>
                      </td>
                      <td>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={tTeam('team.invites.withdrawFor', { name: inviteName(invite.inviteKey) })}
                          onClick={() => withdraw(invite.inviteKey)}
                        >
                          {tTeam('team.invites.withdraw')}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>

      <p class="team__message" role="status" aria-live="polite">
        {message()}
      </p>

      <ConfirmDangerDialog
        open={removing() !== null}
        id="team-remove"
        title={tTeam('team.remove.title', { name: removing()?.name ?? '' })}
        lead={tTeam('team.remove.lead', { name: removing()?.name ?? '' })}
        consequences={[
          tTeam('team.remove.access', { name: removing()?.name ?? '' }),
          tTeam('team.remove.key'),
          tTeam('team.remove.kept', { name: removing()?.name ?? '' }),
        ]}
        error={removal.error()}
        busy={removal.busy()}
        confirmLabel={tTeam('team.remove.confirm')}
        busyLabel={tTeam('team.remove.busy')}
        cancelLabel={tTeam('team.cancel')}
        onConfirm={() => void removal.confirm()}
        onCancel={removal.cancel}
      />
    </section>
  )
}
