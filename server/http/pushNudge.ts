/**
 * A push nudge (issue 10 §3, "only my afspraken and meetings"):
 *   POST /sync/<planId>/push/nudge?auth=<token>   body {"members": [<hex member key>, …]}
 * The relay cannot read what was written, so the writer's device, after it sealed an afspraak or a
 * meeting that names members, asks the relay to nudge them; their `mine` subscriptions get a push
 * (server/push/pushSender.ts `nudge`). Checked in this order, each before the work it bounds: push
 * on (404 push-off), POST (405), a declared body of at most MAX_NUDGE_BYTES (413 nudge-too-large),
 * the same single-use token as a subscription, from a member whose role writes afspraken and
 * meetings for others, `editor` or `admin` (401/403/429, admitMemberRequest), then the body: only
 * `members`, 1 to the plan's member count of distinct member keys (400 bad-nudge). Answers 204
 * before any push goes out, whoever is subscribed: the writer learns nothing of others' settings.
 */
import type http from 'node:http'
import { toHex } from '../../src/sync/bytes'
import { admitMemberRequest } from '../admission'
import { fail, JSON_HEADERS, type PushDeps, readText } from './push'

export const PUSH_NUDGE_PATH = /^\/sync\/([A-Za-z0-9_-]{43})\/push\/nudge$/

/** a plan's members, each a 64-hex key in quotes: room for 200 of them */
export const MAX_NUDGE_BYTES = 16 * 1024

const MEMBER_KEY = /^[0-9a-f]{64}$/

/** The member keys a nudge names, or null: nothing but `members`, 1..`memberCount` distinct keys. */
export function parseNudge(body: unknown, memberCount: number): Set<string> | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  const keys = Object.keys(body)
  if (keys.length !== 1 || keys[0] !== 'members') return null
  const { members } = body as { members: unknown }
  if (!Array.isArray(members) || members.length === 0 || members.length > memberCount) return null
  if (!members.every((m): m is string => typeof m === 'string' && MEMBER_KEY.test(m))) return null
  const named = new Set(members)
  return named.size === members.length ? named : null
}

export async function servePushNudge(deps: PushDeps, req: http.IncomingMessage, res: http.ServerResponse, planId: Uint8Array, searchParams: URLSearchParams) {
  if (!deps.sender.publicKey) return fail(res, 404, 'push-off')
  if (req.method !== 'POST') return fail(res, 405, 'method-not-allowed')
  const declared = Number(req.headers['content-length'] ?? 0)
  if (!Number.isSafeInteger(declared) || declared <= 0 || declared > MAX_NUDGE_BYTES) return fail(res, 413, 'nudge-too-large')
  const admission = await admitMemberRequest(deps, planId, searchParams.get('auth'), 'edit')
  if (!admission.ok) return fail(res, admission.status, admission.code)
  try {
    let parsed: unknown
    try {
      parsed = JSON.parse(await readText(req, declared))
    } catch {
      return fail(res, 400, 'bad-nudge')
    }
    const members = parseNudge(parsed, admission.room.state.members.size)
    if (!members) return fail(res, 400, 'bad-nudge')
    deps.sender.nudge(toHex(planId), admission.key, members, admission.room.state)
    res.writeHead(204, JSON_HEADERS).end()
  } finally {
    deps.rooms.release(admission.room)
  }
}
