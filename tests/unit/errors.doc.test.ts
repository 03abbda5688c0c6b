/**
 * docs/ERRORS.md lists every error code the code produces (STYLE 8: errors are part of the
 * interface). The codes are read from src/ and server/ as written; a new code that is not in the
 * table fails here, so the table stays true.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DOC = readFileSync(join(ROOT, 'docs/ERRORS.md'), 'utf8')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'i18n' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(e.name) ? [path] : []
  })
}

const SOURCES = [...sourceFiles('src'), ...sourceFiles('server')].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }))

/** `code` matches: [rule, code, where] for every literal pair the pattern finds. */
function findAll(pattern: RegExp): { rule: string; code: string; where: string }[] {
  return SOURCES.flatMap(({ path, text }) =>
    [...text.matchAll(pattern)].map((m) => ({
      rule: m.groups!.rule ?? '',
      code: m.groups!.code!,
      where: `${path}:${text.slice(0, m.index).split('\n').length}`,
    })),
  )
}

/** The string literals of an exported union type `export type Name = 'a' | 'b' …`. */
function unionOf(path: string, name: string): string[] {
  const text = readFileSync(join(ROOT, path), 'utf8')
  const start = text.indexOf(`export type ${name} =`)
  expect(start, `${name} in ${path}`).toBeGreaterThanOrEqual(0)
  const body = text
    .slice(start)
    .split(/\n\s*\n/)[0]!
    .replace(/\/\*\*[\s\S]*?\*\//g, '')
  return [...body.matchAll(/'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]!)
}

/** The cells of the doc's rule table row for `rule` (`| R6 | … |`). */
function ruleRow(rule: string): string {
  return DOC.split('\n').find((line) => line.startsWith(`| ${rule} |`)) ?? ''
}

const listed = (code: string) => DOC.includes(`\`${code}\``)

describe('docs/ERRORS.md lists every code', () => {
  it("every rule code (RuleViolation, the relay's refusals) is in its rule's row", () => {
    const codes = [
      // new RuleViolation('R6', 'invite-used', …) and refuse('R11', 'presence-id-taken', …)
      ...findAll(/(?:RuleViolation|refuse)\(\s*'(?<rule>R\d+)',\s*'(?<code>[a-z][a-z0-9-]*)'/g),
      // this.refuse(CLOSE.x, { rule: 'R9', code: 'rate-limited', … })
      ...findAll(/rule:\s*'(?<rule>R\d+)',\s*code:\s*'(?<code>[a-z][a-z0-9-]*)'/g),
      // close reasons written whole: 'R9 send-buffer-full'
      ...findAll(/'(?<rule>R\d+) (?<code>[a-z][a-z0-9-]*)'/g),
    ]
    expect(codes.length).toBeGreaterThan(60)
    const missing = codes.filter(({ rule, code }) => !ruleRow(rule).includes(`\`${code}\``)).map(({ rule, code, where }) => `${rule} ${code} (${where})`)
    expect([...new Set(missing)]).toEqual([])
  })

  it("every error class's codes are listed", () => {
    const unions: [string, string][] = [
      ['src/access/errors.ts', 'AccessErrorCode'],
      ['src/keyring/errors.ts', 'KeyringErrorCode'],
      ['src/plan/errors.ts', 'PlanErrorCode'],
      ['src/crypto/errors.ts', 'CryptoErrorCode'],
      ['src/sync/records.ts', 'OpenErrorCode'],
      ['src/sync/authToken.ts', 'TokenErrorCode'],
      ['src/sync/fileTransfer.ts', 'FileTransferErrorCode'],
      ['src/sync/sharedExtract.ts', 'ShareFormatErrorCode'],
      ['src/access/sharing/shareError.ts', 'ShareErrorCode'],
    ]
    const missing = unions.flatMap(([path, name]) =>
      unionOf(path, name)
        .filter((code) => !listed(code))
        .map((code) => `${name} ${code}`),
    )
    expect(missing).toEqual([])
  })

  it('every reason a refused record is listed under, and every code the relay closes with, is listed', () => {
    const codes = [
      // this.reject(blob, 'content-malformed') and the fallbacks beside OpenError codes
      ...findAll(/reject\(blob, (?:[^'\n]*: )?'(?<code>[a-z][a-z0-9-]*)'\)/g),
      // the content policy's refusals: return 'content-forbidden'
      ...findAll(/(?:return|\?) '(?<code>content-[a-z-]+)'/g),
      // admission: { ok: false, close: …, code: 'token-missing' } and refusalCode's answers
      ...findAll(/code: '(?<code>(?:token|invite|too|not|access|consent)-[a-z-]+)'/g),
      ...findAll(/return '(?<code>(?:not-a-member|invite-[a-z]+))'/g),
      // attachment requests: fail(res, 413, 'piece-too-large') and admitMemberRequest's { status: 403, code: 'role-forbidden' }
      ...findAll(/fail\(res, \d{3}, '(?<code>[a-z][a-z0-9-]*)'/g),
      ...findAll(/status: \d{3}, code: '(?<code>[a-z][a-z0-9-]*)'/g),
      // closes by reason: peer.close(4403, 'access-ended'), close(1011, 'send failed')
      ...findAll(/close\((?:\d{4}|CLOSE\.\w+), '(?<code>[a-z][a-z ,-]*)'\)/g),
    ]
    expect(codes.length).toBeGreaterThan(10)
    const missing = codes.filter(({ code }) => !listed(code)).map(({ code, where }) => `${code} (${where})`)
    expect([...new Set(missing)]).toEqual([])
  })
})
