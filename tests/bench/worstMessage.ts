/**
 * The worst single message (issue 9, "Beyond the list"): each hostile message of the attack
 * catalogue (tests/helpers/attacks.ts) and the largest honest ones, sent to a real relay and
 * timed from send to the relay's answer (the ack, or the error and 44xx close of a refusal),
 * while a second client polls GET /health every 5 ms to see whether the relay stalls for
 * everyone else meanwhile.
 *
 * Each kind of message gets its own relay (a fresh data directory, removed afterwards), so what
 * one leaves behind (archive rows, memory) does not weigh on the next; each run a fresh plan.
 * Standalone: `npx tsx tests/bench/worstMessage.ts` (BENCH_QUICK=1 for smaller N); `npm run
 * bench` runs it too. The last line is the JSON summary.
 */
import fs from 'node:fs'
import http from 'node:http'
import { pathToFileURL } from 'node:url'
import * as Y from 'yjs'
import { loadSodium } from '../../src/crypto'
import {
  awarenessFlood,
  coverBeyond,
  deleteRangeBomb,
  honestFullMessage,
  honestUpdate,
  oversizedDeviceProofs,
  reverseChain,
  signatureFlood,
  syncFrame,
  type Attack,
} from '../helpers/attacks'
import { connectAs, errorOf, isAck, isError, startRelay, waitForAckOf, type RawClient, type RelayProcess } from '../helpers/relayProcess'
import { percentile, round, sleep } from './stats'

/** the issue's goal for the worst message, refused or accepted */
export const WORST_MESSAGE_BUDGET_MS = 50
/** how often the bystander asks /health: often enough to see a stall of a few ms */
const HEALTH_INTERVAL_MS = 5
/** a relay that has not answered by then is stalled for good: the run is recorded as a timeout */
const MESSAGE_TIMEOUT_MS = 120_000
/** setup steps (storing the plan as the attacker finds it) are honest and small */
const SETUP_TIMEOUT_MS = 30_000
/** before each run the relay must answer /health this fast (it may still digest the last run) */
const IDLE_HEALTH_MS = 50
const IDLE_WAIT_MS = 30_000

interface Scenario {
  build: () => Attack
}

/** The catalogue at the issue's sizes, or smaller ones for BENCH_QUICK (each still the same attack). */
export function scenarios(quick: boolean): Scenario[] {
  return [
    { build: () => deleteRangeBomb(quick ? { blobs: 10, blobBytes: 4 * 1024, repeats: 1_000 } : {}) },
    { build: () => reverseChain(quick ? { links: 400 } : {}) },
    { build: () => signatureFlood(quick ? { copies: 8_192 } : {}) },
    { build: () => awarenessFlood() },
    { build: () => oversizedDeviceProofs(quick ? { links: 32 } : {}) },
    { build: () => coverBeyond() },
    { build: () => honestUpdate() },
    { build: () => honestFullMessage() },
  ]
}

export interface RunResult {
  ms: number
  /** relay CPU time from send to answer (null where /proc is not there) */
  cpuMs: number | null
  /** 'accepted', 'refused:<code>', 'closed:<close code>', 'timeout' or 'relay-exited' */
  answer: string
  health: number[]
}

export interface MessageResult {
  name: string
  item: number | null
  bytes: number
  expect: Attack['expect']
  /** the answer of the last run (all runs of a message are alike) */
  answer: string
  as_expected: boolean
  /** medians over the runs */
  ms: number
  /** the relay's CPU time for it (10 ms resolution): what it costs on a machine not shared */
  cpu_ms: number | null
  health_p99_ms: number
  health_max_ms: number
  ms_runs: number[]
  /** the relay's resident memory after the last run (Linux), MB */
  relay_rss_mb: number | null
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux) */
const CLOCK_TICKS_PER_S = 100

/**
 * CPU time (user + system) the relay process used so far, in ms, at 10 ms resolution (Linux):
 * on a shared machine wall time also counts waiting for a core, CPU time does not.
 */
function cpuMs(pid: number): number | null {
  try {
    // fields after the command name (which may hold spaces, so cut after its closing parenthesis)
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S
  } catch {
    return null
  }
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? round(Number(match[1]) / 1024, 1) : null
  } catch {
    return null
  }
}

/** One GET /health; resolves with its latency in ms (also when it fails: a stall is what counts). */
function healthOnce(url: string, agent: http.Agent): Promise<number> {
  const started = performance.now()
  return new Promise((resolve) => {
    const done = () => resolve(performance.now() - started)
    const req = http.get(`${url}/health`, { agent, timeout: MESSAGE_TIMEOUT_MS }, (res) => {
      res.resume()
      res.once('end', done)
      res.once('error', done)
    })
    req.once('timeout', () => req.destroy())
    req.once('error', done)
  })
}

/**
 * A bystander asking /health every HEALTH_INTERVAL_MS, one request at a time, until stopped.
 * Start it and await it (its first request, not counted, opens the kept-alive connection, so no
 * sample includes the connect) before sending the message.
 */
async function pollHealth(url: string): Promise<{ stop(): Promise<number[]> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  await healthOnce(url, agent)
  const samples: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      samples.push(await healthOnce(url, agent))
      const wait = HEALTH_INTERVAL_MS - (performance.now() - started)
      if (wait > 0 && running) await sleep(wait)
    }
  })()
  return {
    async stop() {
      running = false
      await loop // the request in flight ends with the stall it measures
      agent.destroy()
      return samples
    },
  }
}

/** Waits (bounded) until /health answers quickly: the last run's work is done. */
async function waitIdle(relay: RelayProcess): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const deadline = Date.now() + IDLE_WAIT_MS
  while (Date.now() < deadline && (await healthOnce(relay.url, agent)) > IDLE_HEALTH_MS) await sleep(20)
  agent.destroy()
}

/** Stores the plan as the attacker finds it, through the admin's connection, which stays open as a peer. */
async function setUp(relay: RelayProcess, attack: Attack): Promise<RawClient | null> {
  if (!attack.admin) return null
  const client = connectAs(relay, attack.admin, attack.planId)
  await client.opened
  const doc = new Y.Doc()
  for (const update of attack.setup) {
    Y.applyUpdate(doc, update)
    client.send(syncFrame(2, update))
    await waitForAckOf(client, doc, SETUP_TIMEOUT_MS)
  }
  return client
}

/** The relay's step 1 greets a connection once it is admitted and joined to the room. */
const isStep1 = (m: Uint8Array) => m[0] === 0 && m[1] === 0
const isStep2 = (m: Uint8Array) => m[0] === 0 && m[1] === 1

async function runOnce(relay: RelayProcess, attack: Attack): Promise<RunResult> {
  const peer = await setUp(relay, attack)
  const sender = connectAs(relay, attack.sender, attack.planId)
  try {
    await sender.opened
    await sender.next(isStep1, SETUP_TIMEOUT_MS)
    const answered = attack.answer === 'ack' ? isAck : isStep2
    const health = await pollHealth(relay.url)
    const cpuBefore = cpuMs(relay.pid)
    const started = performance.now()
    sender.send(attack.bytes)
    if (attack.answer === 'marker') sender.send(syncFrame(0, attack.markerStateVector ?? Y.encodeStateVector(new Y.Doc())))
    let timer: ReturnType<typeof setTimeout> | undefined
    const answer = await Promise.race([
      sender.next(answered, MESSAGE_TIMEOUT_MS + 1_000).then(() => 'accepted'),
      sender.closed.then(({ code }) => {
        const error = sender.received.find(isError)
        return error ? `refused:${errorOf(error).code}` : `closed:${code}`
      }),
      relay.exited.then(() => 'relay-exited'),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), MESSAGE_TIMEOUT_MS))),
    ]).catch(() => 'timeout')
    const ms = performance.now() - started
    const cpuAfter = cpuMs(relay.pid)
    clearTimeout(timer)
    return { ms, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, answer, health: await health.stop() }
  } finally {
    sender.close()
    peer?.close()
  }
}

async function benchOne(scenario: Scenario, runs: number, log: (line: string) => void): Promise<MessageResult> {
  const relay = await startRelay({ env: { RELAY_MAX_ROOMS_PER_HOUR: '100000', RELAY_MAX_UPGRADES_PER_S: '100000' } })
  const results: RunResult[] = []
  let last: Attack | undefined
  let relayRss: number | null = null
  try {
    for (let i = 0; i < runs; i++) {
      const attack = scenario.build()
      last = attack
      await waitIdle(relay)
      const result = await runOnce(relay, attack)
      results.push(result)
      log(
        `  ${attack.name} run ${i + 1}: ${round(result.ms)} ms (relay CPU ${result.cpuMs} ms), ${result.answer}; /health max ${round(Math.max(...result.health))} ms over ${result.health.length} polls`,
      )
      if (result.answer === 'timeout' || result.answer === 'relay-exited') break // the relay is gone or stuck: no more runs
    }
  } finally {
    relayRss = rssMb(relay.pid)
    await relay.kill('SIGKILL')
    fs.rmSync(relay.dataDir, { recursive: true, force: true })
  }
  const attack = last!
  const answer = results.at(-1)!.answer
  return {
    name: attack.name,
    item: attack.item,
    bytes: attack.bytes.length,
    expect: attack.expect,
    answer,
    as_expected: attack.expect === 'accepted' ? answer === 'accepted' : answer.startsWith('refused:'),
    ms: round(median(results.map((r) => r.ms))),
    cpu_ms: results.some((r) => r.cpuMs === null) ? null : round(median(results.map((r) => r.cpuMs!))),
    health_p99_ms: round(median(results.map((r) => percentile(r.health, 99)))),
    health_max_ms: round(median(results.map((r) => Math.max(...r.health)))),
    ms_runs: results.map((r) => round(r.ms)),
    relay_rss_mb: relayRss,
  }
}

export interface WorstMessageSummary {
  relay_worst_message_ms: number
  relay_worst_message_name: string
  relay_health_max_ms_during_worst: number
  /** the largest relay CPU time of any message (median of its runs) */
  relay_worst_message_cpu_ms: number | null
  /** every message: its figures and answer */
  relay_worst_messages: Record<string, Omit<MessageResult, 'name'>>
  /** messages the relay answered otherwise than a relay that keeps the rules would */
  relay_worst_messages_unexpected: string[]
}

export async function benchWorstMessage(opts: { quick: boolean; runs?: number; log: (line: string) => void }): Promise<WorstMessageSummary> {
  await loadSodium()
  const runs = opts.runs ?? 3
  const results: MessageResult[] = []
  for (const scenario of scenarios(opts.quick)) results.push(await benchOne(scenario, runs, opts.log))
  const worst = results.reduce((a, b) => (b.ms > a.ms ? b : a))
  for (const r of results) {
    opts.log(
      `${r.name} (${r.bytes} bytes${r.item ? `, item ${r.item}` : ''}): ${r.ms} ms (relay CPU ${r.cpu_ms} ms), ${r.answer}${r.as_expected ? '' : ` (expected ${r.expect})`}; /health p99 ${r.health_p99_ms} ms, max ${r.health_max_ms} ms; relay RSS ${r.relay_rss_mb} MB`,
    )
  }
  return {
    relay_worst_message_ms: worst.ms,
    relay_worst_message_name: worst.name,
    relay_health_max_ms_during_worst: worst.health_max_ms,
    relay_worst_message_cpu_ms: results.some((r) => r.cpu_ms === null) ? null : Math.max(...results.map((r) => r.cpu_ms!)),
    relay_worst_messages: Object.fromEntries(results.map(({ name, ...rest }) => [name, rest])),
    relay_worst_messages_unexpected: results.filter((r) => !r.as_expected).map((r) => r.name),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.env.BENCH_QUICK === '1'
  // fewer runs for a first look at code that stalls for seconds (the median needs 3)
  const runs = process.env.BENCH_WORST_RUNS ? Math.min(10, Math.max(1, Math.floor(Number(process.env.BENCH_WORST_RUNS)) || 1)) : undefined
  benchWorstMessage({ quick, runs, log: (line) => console.log(`# ${line}`) })
    .then((summary) => {
      console.log(JSON.stringify({ quick, ...summary, budgets: { relay_worst_message_le_50ms: summary.relay_worst_message_ms <= WORST_MESSAGE_BUDGET_MS } }))
      process.exit(0)
    })
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
