/**
 * Field rules shared by the sections: `check*` validate a value on write and throw a PlanError;
 * `read*` take whatever is stored (perhaps written by a newer or older client) and never throw,
 * falling back to a safe value instead.
 */
import * as Y from 'yjs'
import { PlanError } from './errors'
import { textLength } from './limits'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MEMBER_KEY = /^[0-9a-f]{64}$/ // hex Ed25519 public key, as toHex() writes it

/** A real calendar date as yyyy-mm-dd (2024-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return y >= 1000 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
}

export function checkDate(field: string, value: unknown, opts: { optional?: boolean } = {}): string {
  if (opts.optional && value === '') return ''
  if (!isIsoDate(value)) throw new PlanError('invalid-date', field, `${field} must be a date as yyyy-mm-dd, got ${JSON.stringify(value)}`)
  return value
}

/** Checks an enum value; accepts any Unicode normal form ('geëvalueerd' typed as e + ¨) and returns the listed one. */
export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  const normal = typeof value === 'string' ? value.normalize('NFC') : value
  const hit = allowed.find((a) => a === normal)
  if (hit === undefined)
    throw new PlanError('invalid-value', field, `${field} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`)
  return hit
}

/** A member key, or '' where the field is optional (nobody, or someone without the app). */
export function checkMemberKey(field: string, value: unknown, opts: { optional?: boolean } = { optional: true }): string {
  if (opts.optional && value === '') return ''
  if (typeof value !== 'string' || !MEMBER_KEY.test(value))
    throw new PlanError('invalid-member-key', field, `${field} must be a member key (64 hex characters), got ${JSON.stringify(value)}`)
  return value
}

/** A text, trimmed; required texts may not be empty, and none may be longer than `max` (limits.ts). */
export function checkText(field: string, value: unknown, opts: { required?: boolean; max: number }): string {
  if (typeof value !== 'string') throw new PlanError('invalid-value', field, `${field} must be text`)
  const trimmed = value.trim()
  if (opts.required && !trimmed) throw new PlanError('empty', field, `${field} may not be empty`)
  if (textLength(trimmed) > opts.max)
    throw new PlanError('too-long', field, `${field} may be at most ${opts.max} characters, got ${textLength(trimmed)}`, opts.max)
  return trimmed
}

export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new PlanError('invalid-value', field, `${field} must be true or false`)
  return value
}

/** from ≤ to when both are set (ISO dates compare as strings). */
export function checkPeriod(from: string, to: string): void {
  if (from && to && to < from) throw new PlanError('invalid-period', 'to', `the period ends (${to}) before it starts (${from})`)
}

export function readString(map: Y.Map<unknown>, key: string): string {
  const v = map.get(key)
  if (typeof v === 'string') return v
  // a Y.Text written by another client version still reads as its text
  if (v instanceof Y.Text) return v.toString()
  return ''
}

export function readNumber(map: Y.Map<unknown>, key: string): number {
  const v = map.get(key)
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

export function readBoolean(map: Y.Map<unknown>, key: string): boolean {
  return map.get(key) === true
}

/** A stored date, or '' when it is missing or malformed. */
export function readDate(map: Y.Map<unknown>, key: string): string {
  const v = map.get(key)
  return isIsoDate(v) ? v : ''
}

/** An enum value, or `fallback` for a value this client does not know (written by a newer one). */
export function readOneOf<T extends string>(map: Y.Map<unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const v = map.get(key)
  return (allowed as readonly unknown[]).includes(v) ? (v as T) : fallback
}

/** A plain array of strings stored as one value; anything else reads as []. */
export function readStrings(map: Y.Map<unknown>, key: string): string[] {
  const v = map.get(key)
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}
