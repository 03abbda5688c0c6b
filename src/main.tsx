import { render } from 'solid-js/web'
import './ui/styles.css'
import { App } from './ui/App'
import { registerServiceWorker } from './ui/serviceWorker'

const root = document.getElementById('app')
if (root) {
  root.textContent = ''
  render(() => <App />, root)
}
registerServiceWorker()
