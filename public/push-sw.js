/*
 * Web Push in the service worker (imported by the generated worker, vite.config.ts). A push
 * carries only the tag this device chose for one plan (src/access/push.ts); no plan, no name.
 * The notification names the child only when an open, unlocked Samenplan window answers for that
 * tag within a moment; otherwise it says "Er is iets nieuws in een plan". Nothing of a plan is
 * ever stored by the worker.
 */
const NAME_QUESTION = 'samenplan-push-name'
const ANSWER_WAIT_MS = 500

async function childNameFor(tag) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const answers = windows.map(
    (client) =>
      new Promise((resolve) => {
        const channel = new MessageChannel()
        channel.port1.onmessage = (event) => resolve(typeof event.data?.name === 'string' ? event.data.name : null)
        client.postMessage({ type: NAME_QUESTION, tag }, [channel.port2])
        setTimeout(() => resolve(null), ANSWER_WAIT_MS)
      }),
  )
  for (const name of await Promise.all(answers)) if (name) return name
  return null
}

self.addEventListener('push', (event) => {
  let tag = null
  try {
    const data = event.data ? event.data.json() : null
    if (data && typeof data.t === 'string') tag = data.t
  } catch {
    // not ours or malformed: still say something arrived, as the push service expects
  }
  event.waitUntil(
    (async () => {
      const name = tag ? await childNameFor(tag) : null
      await self.registration.showNotification(name ? `Er is iets nieuws in het plan van ${name}` : 'Er is iets nieuws in een plan', {
        body: 'Open Samenplan om te zien wat er veranderd is.',
        icon: '/icon-192.png',
        // one notification per plan: a newer one replaces it
        tag: tag ? `samenplan-${tag}` : 'samenplan',
        data: { tag },
      })
    })(),
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      if (windows.length > 0) return windows[0].focus()
      return self.clients.openWindow('/')
    })(),
  )
})
